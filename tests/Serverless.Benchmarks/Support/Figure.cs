using System.Globalization;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// One measured figure: ours against its floor, measured in the same run. Printed as
/// <c>name: ours X unit, floor Y unit, ratio Z (target ...: met|MISSED)</c>; the ratio is ours / floor.
/// </summary>
internal sealed record Figure(string Name, double Ours, double Floor, string Unit, Target? Target = null)
{
    /// <summary>Printed instead of ours, floor and ratio when set: a figure that is a count rather than a ratio, or one
    /// that could not be measured (<see cref="Skipped"/>).</summary>
    public string? Text { get; init; }

    /// <summary>Said after our value, in parentheses: what was measured when the two sides differ in size, not in kind.</summary>
    public string? OursNote { get; init; }

    /// <summary>Said after the floor's value, in parentheses.</summary>
    public string? FloorNote { get; init; }

    public double Ratio => Floor == 0 ? double.NaN : Ours / Floor;

    public bool Missed => Target is not null && !Target.IsMet(this);

    public string Line
    {
        get
        {
            var target = Target is null ? "" : $" (target {Target.Describe(this)}: {(Missed ? "MISSED" : "met")})";
            if (Text is not null)
            {
                return $"{Name}: {Text}{target}";
            }

            var oursNote = OursNote is null ? "" : $" ({OursNote})";
            var floorNote = FloorNote is null ? "" : $" ({FloorNote})";
            return string.Create(CultureInfo.InvariantCulture,
                $"{Name}: ours {Number(Ours)} {Unit}{oursNote}, floor {Number(Floor)} {Unit}{floorNote}, ratio {Ratio:0.00}{target}");
        }
    }

    /// <summary>A figure that could not be measured in this run, and why; it has no target to miss.</summary>
    public static Figure Skipped(string name, string reason) => new(name, double.NaN, double.NaN, "") { Text = $"skipped: {reason}" };

    /// <summary>Three significant digits or so: more would be noise on a shared machine.</summary>
    internal static string Number(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
