namespace Serverless.Links.Reports;

/// <summary>How a report's links are split into check messages.</summary>
/// <param name="ChunkSize">Distinct URLs per <see cref="ReportQueues.Check"/> message.</param>
/// <param name="CheckInternal">Whether links to the site itself are checked too.</param>
public sealed record ReportPlan(int ChunkSize, bool CheckInternal);
