using System.Globalization;

namespace Serverless.Benchmarks.Support;

/// <summary>What a figure should reach: a bound on its ratio, or on our own value when the issue sets an absolute one.</summary>
internal abstract record Target
{
    public abstract bool IsMet(Figure figure);

    public abstract string Describe(Figure figure);

    /// <summary>Ratio at least this (throughputs: higher is better).</summary>
    public sealed record RatioAtLeast(double Bound) : Target
    {
        public override bool IsMet(Figure figure) => figure.Ratio >= Bound;

        public override string Describe(Figure figure) => string.Create(CultureInfo.InvariantCulture, $">= {Bound:0.00}");
    }

    /// <summary>Ratio at most this (latencies and times: lower is better).</summary>
    public sealed record RatioAtMost(double Bound) : Target
    {
        public override bool IsMet(Figure figure) => figure.Ratio <= Bound;

        public override string Describe(Figure figure) => string.Create(CultureInfo.InvariantCulture, $"<= {Bound:0.00}");
    }

    /// <summary>Our value below an absolute bound, whatever the floor.</summary>
    public sealed record OursBelow(double Bound) : Target
    {
        public override bool IsMet(Figure figure) => figure.Ours < Bound;

        public override string Describe(Figure figure) => $"ours < {Figure.Number(Bound)} {figure.Unit}";
    }

    /// <summary>Every case agrees: ours counts the agreeing cases, the floor all the cases compared.</summary>
    public sealed record All : Target
    {
        public override bool IsMet(Figure figure) => figure.Ours >= figure.Floor;

        public override string Describe(Figure figure) => "all agree";
    }
}
