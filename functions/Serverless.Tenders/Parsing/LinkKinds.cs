namespace Serverless.Tenders.Parsing;

/// <summary>The values of <see cref="Model.NoticeLink.Kind"/>.</summary>
internal static class LinkKinds
{
    /// <summary>Where the procurement documents can be read (eForms BT-15, TED URL_DOCUMENT).</summary>
    public const string Documents = "documents";

    /// <summary>Where tenders or requests to participate are submitted (eForms BT-18, TED URL_PARTICIPATION).</summary>
    public const string Submission = "submission";

    /// <summary>The buyer's own site or buyer profile (eForms BT-505, TED URL_GENERAL / URL_BUYER).</summary>
    public const string Buyer = "buyer";
}
