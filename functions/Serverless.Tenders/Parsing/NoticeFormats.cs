namespace Serverless.Tenders.Parsing;

/// <summary>The values of <see cref="Model.TenderRecord.Format"/>, one per parser.</summary>
internal static class NoticeFormats
{
    public const string Eforms = "eforms";
    public const string Ted = "ted";
}
