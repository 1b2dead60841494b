using System.Globalization;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// One measured figure: ours against its floor, measured in the same run. Printed as
/// <c>name: ours X unit, floor Y unit, ratio Z (target ...: met|MISSED)</c>; the ratio is ours / floor.
/// </summary>
internal sealed record Figure(string Name, double Ours, double Floor, string Unit, Target? Target = null)
{
    public double Ratio => Floor == 0 ? double.NaN : Ours / Floor;

    public bool Missed => Target is not null && !Target.IsMet(this);

    public string Line
    {
        get
        {
            var target = Target is null ? "" : $" (target {Target.Describe(this)}: {(Missed ? "MISSED" : "met")})";
            return string.Create(CultureInfo.InvariantCulture,
                $"{Name}: ours {Number(Ours)} {Unit}, floor {Number(Floor)} {Unit}, ratio {Ratio:0.00}{target}");
        }
    }

    /// <summary>Three significant digits or so: more would be noise on a shared machine.</summary>
    internal static string Number(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
