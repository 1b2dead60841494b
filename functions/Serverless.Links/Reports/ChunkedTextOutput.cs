using System.Globalization;
using System.Text;

namespace Serverless.Links.Reports;

/// <summary>
/// Text composed synchronously into one small chunk and handed to the output stream asynchronously.
/// </summary>
/// <remarks>
/// The text writers (CSV, HTML) encode with synchronous <see cref="TextWriter"/> APIs (e.g. the HTML encoder). Writing
/// those straight into a <see cref="StreamWriter"/> would make it write to the stream synchronously whenever its buffer
/// fills, which some outputs (response bodies, upload pipes) refuse. So text collects here and is drained, awaited, once
/// it passes <see cref="ChunkChars"/>: memory stays at about one chunk whatever the report's size.
/// </remarks>
internal sealed class ChunkedTextOutput : IAsyncDisposable
{
    /// <summary>Drain once this many characters are waiting.</summary>
    public const int ChunkChars = 16 * 1024;

    private readonly StringBuilder _chunk = new(2 * ChunkChars);
    private readonly StreamWriter _stream;

    public ChunkedTextOutput(Stream output, Encoding encoding)
    {
        Text = new StringWriter(_chunk, CultureInfo.InvariantCulture) { NewLine = "\n" };
        _stream = new StreamWriter(output, encoding, ChunkChars, leaveOpen: true);
    }

    /// <summary>Where to compose; never touches the stream.</summary>
    public TextWriter Text { get; }

    /// <summary>Hands the chunk to the stream when it is full; call between items.</summary>
    public ValueTask DrainIfFullAsync(CancellationToken cancellationToken) =>
        _chunk.Length >= ChunkChars ? new ValueTask(DrainAsync(cancellationToken)) : ValueTask.CompletedTask;

    /// <summary>Hands everything over and flushes the stream.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await Text.DisposeAsync();
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_chunk, cancellationToken);
        _chunk.Clear();
    }
}
