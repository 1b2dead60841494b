namespace Serverless.Benchmarks.Links;

/// <summary>What one <c>check-links</c> process measured: links given, results read, the time, the resident size
/// before, the peak above it, and the results by status.</summary>
internal sealed record LinkMemoryReport(int Links, int Results, double Seconds, long BaselineBytes, long PeakGrowthBytes, SortedDictionary<string, int> Statuses);
