using System.Diagnostics;
using System.Xml;
using Serverless.Benchmarks.Support;
using Serverless.Tenders.Parsing;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// Parsing: the eForms corpus notices through <see cref="NoticeParser"/> (bytes to tender record) against an
/// <see cref="XmlReader"/> with the same safety settings reading the same bytes to the end, on one thread each.
/// </summary>
internal static class ParsingBenchmark
{
    private const double Megabyte = 1_000_000;

    private static readonly XmlReaderSettings FloorSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var notices = Corpus.Eforms;
        var parser = new NoticeParser();
        var settings = context.Settings;

        void Ours(CorpusFile notice)
        {
            if (!parser.Parse(new MemoryStream(notice.Bytes, writable: false)).Succeeded)
            {
                throw new InvalidOperationException($"The corpus notice {notice.Name} does not parse.");
            }
        }

        static void Floor(CorpusFile notice)
        {
            using var reader = XmlReader.Create(new MemoryStream(notice.Bytes, writable: false), FloorSettings);
            while (reader.Read())
            {
            }
        }

        BenchContext.Log($"{notices.Count} eForms notices ({notices.Sum(n => n.Bytes.Length) / 1024} KiB); warming up");
        Loop(notices, settings.LongWarmUp, Ours);
        Loop(notices, settings.LongWarmUp, Floor);
        var (ours, floor) = await context.AlternateAsync(
            round => Task.FromResult(Logged("parser", round, Loop(notices, settings.ParsingRound, Ours))),
            round => Task.FromResult(Logged("XmlReader", round, Loop(notices, settings.ParsingRound, Floor))));

        static double Rate(List<Pass> passes, Func<Pass, double> amount) => passes.Sum(amount) / passes.Sum(p => p.Seconds);
        return
        [
            new Figure("parsing-notices", Rate(ours, p => p.Notices), Rate(floor, p => p.Notices), "notices/s", new Target.RatioAtLeast(0.3)),
            new Figure("parsing-throughput", Rate(ours, p => p.Bytes / Megabyte), Rate(floor, p => p.Bytes / Megabyte), "MB/s", new Target.RatioAtLeast(0.3)),
        ];
    }

    /// <summary>Whole passes over the corpus until the duration is up (every notice weighs the same in every round).</summary>
    private static Pass Loop(IReadOnlyList<CorpusFile> notices, TimeSpan duration, Action<CorpusFile> read)
    {
        var started = Stopwatch.GetTimestamp();
        long count = 0, bytes = 0;
        do
        {
            foreach (var notice in notices)
            {
                read(notice);
                count++;
                bytes += notice.Bytes.Length;
            }
        }
        while (Stopwatch.GetElapsedTime(started) < duration);

        return new Pass(count, bytes, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static Pass Logged(string side, int round, Pass pass)
    {
        BenchContext.Log($"round {round + 1} {side}: {pass.Notices / pass.Seconds:0} notices/s, {pass.Bytes / Megabyte / pass.Seconds:0.0} MB/s");
        return pass;
    }

    private sealed record Pass(long Notices, long Bytes, double Seconds);
}
