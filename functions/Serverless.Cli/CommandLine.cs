namespace Serverless.Cli;

/// <summary>
/// One command's arguments split into options and positional arguments. Hand-written rather than
/// a parsing library: three commands and a handful of options do not justify the start-up cost or
/// another package.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;

    private CommandLine(IReadOnlyList<string> arguments, Dictionary<string, string> options, bool help)
    {
        Arguments = arguments;
        _options = options;
        Help = help;
    }

    /// <summary>Positional arguments in order.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary><c>--help</c> or <c>-h</c> was given: show help and do nothing else.</summary>
    public bool Help { get; }

    /// <summary>
    /// Reads <c>--name value</c> and <c>--name=value</c> for the options the command knows; <c>--</c>
    /// ends options so a file may be called <c>--odd.xml</c>.
    /// </summary>
    /// <exception cref="UsageException">An unknown option, or an option without its value.</exception>
    public static CommandLine Parse(IEnumerable<string> args, params string[] knownOptions)
    {
        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        var optionsEnded = false;

        using var reader = args.GetEnumerator();
        while (reader.MoveNext())
        {
            var arg = reader.Current;
            if (optionsEnded || !arg.StartsWith('-') || arg == "-")
            {
                arguments.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (arg is "--help" or "-h" or "-?")
            {
                help = true;
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg : arg[..equals];
            if (!knownOptions.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"unknown option '{name}'");
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (reader.MoveNext())
            {
                value = reader.Current;
            }
            else
            {
                throw new UsageException($"option '{name}' needs a value");
            }

            options[name] = value;
        }

        return new CommandLine(arguments, options, help);
    }

    /// <summary>The option's value (the last one wins when given twice), or null.</summary>
    public string? Option(string name) => _options.GetValueOrDefault(name);
}
