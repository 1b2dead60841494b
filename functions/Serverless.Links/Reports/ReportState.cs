namespace Serverless.Links.Reports;

/// <summary>Where a report is in its pipeline (wire names: lower case).</summary>
public enum ReportState
{
    /// <summary>Accepted; extraction not started.</summary>
    Queued,
    /// <summary>Links found and queued for checking; see the progress counts.</summary>
    Checking,
    /// <summary>All links checked; the JSON, CSV and HTML files are being written.</summary>
    Writing,
    Done,
    /// <summary>The document could not be read; see the error.</summary>
    Failed,
}
