using Serverless.Links.Extraction;

namespace Serverless.Cli;

/// <summary>
/// <c>links FILE</c>: lists a document's links with the extractor the link checker uses, locally, so a
/// page or an export can be looked at before a report is asked for. Nothing is requested or stored.
/// </summary>
internal sealed class LinksCommand(CliConsole console)
{
    public const string Name = "links";

    private const string BaseOption = "--base";
    private const string KindOption = "--kind";
    private const int FileBufferSize = 64 * 1024;

    private static readonly Dictionary<string, DocumentKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["html"] = DocumentKind.Html,
        ["wxr"] = DocumentKind.Wxr,
        ["markdown"] = DocumentKind.Markdown,
        ["text"] = DocumentKind.Text,
    };

    public Task<int> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, BaseOption, KindOption);
        if (line.Help)
        {
            console.Out.Write(HelpTexts.Links);
            return Task.FromResult(ExitCodes.Success);
        }

        if (line.Arguments.Count != 1)
        {
            throw new UsageException("links needs exactly one FILE");
        }

        var path = line.Arguments[0];
        var options = new ExtractionOptions { BaseUrl = ParseBase(line.Option(BaseOption)) };
        var forcedKind = ParseKind(line.Option(KindOption));

        FileStream file;
        try
        {
            // Streamed from disk: an export is read one item at a time and its links printed as they come.
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {path}: {FileProblems.Describe(path, ex)}");
            return Task.FromResult(ExitCodes.Failed);
        }

        using (file)
        {
            var kind = forcedKind ?? Detect(file, path)
                ?? throw new UsageException($"{path}: cannot tell whether this is HTML, a WordPress export, Markdown or text; give --kind");
            return Task.FromResult(Print(file, path, kind, options, cancellationToken));
        }
    }

    private int Print(FileStream file, string path, DocumentKind kind, ExtractionOptions options, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var document in LinkExtractor.Extract(file, kind, options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var source = kind == DocumentKind.Wxr ? document.Source : null;
                foreach (var link in document.Links)
                {
                    console.Out.WriteLine(LinkJson.Serialize(link, source));
                }
            }

            return ExitCodes.Success;
        }
        catch (LinkExtractionException ex)
        {
            // Links of the items before the problem are already out; the error says why the rest are not.
            console.Error.WriteLine($"error: {path}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {path}: {FileProblems.Describe(path, ex)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Sniffs the first bytes, then rewinds so the extractor reads the file from its start.</summary>
    private static DocumentKind? Detect(FileStream file, string path)
    {
        var head = new byte[4096];
        var length = 0;
        int read;
        while (length < head.Length && (read = file.Read(head, length, head.Length - length)) > 0)
        {
            length += read;
        }

        file.Position = 0;
        return LinkExtractor.Detect(head.AsSpan(0, length), Path.GetFileName(path), contentType: null);
    }

    private static Uri? ParseBase(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"--base must be an absolute http(s) URL, not '{value}'");
    }

    private static DocumentKind? ParseKind(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Kinds.TryGetValue(value, out var kind)
            ? kind
            : throw new UsageException($"--kind must be one of {string.Join(", ", Kinds.Keys)}, not '{value}'");
    }
}
