namespace ScalingLaws.Notebooks.Export;

/// <summary>
/// The C# an exported app carries after the notebook's code: <c>display</c> (the engine's global, here printing to
/// the console) and the parsing of parameter overrides from the command line.
/// </summary>
internal static class FileBasedAppSupport
{
    public const string Source = """
        /// <summary>What the notebook's display(x) and last expressions show: printed, as plain text.</summary>
        static class NotebookOutput
        {
            public static void display(object value, params string[] mimeTypes)
            {
                if (value is null) { Console.WriteLine("<null>"); return; }
                var type = value.GetType();
                // A chart needs a browser: the notebook or `scaling notebook run`'s HTML report shows it.
                if (type.FullName?.StartsWith("Plotly.NET.GenericChart", StringComparison.Ordinal) == true) { Console.WriteLine("[chart: run the notebook to see it]"); return; }
                Console.WriteLine(value is System.Collections.IEnumerable items and not string
                    ? string.Join(Environment.NewLine, items.Cast<object>())
                    : value.ToString());
            }
        }

        /// <summary>The parameters cell's overrides: `name=value` or `--param name=value` on the command line.</summary>
        static class NotebookArguments
        {
            public static T Get<T>(string[] args, string name, T fallback)
            {
                foreach (var arg in args)
                {
                    int eq = arg.IndexOf('=');
                    if (eq <= 0 || arg[..eq].Trim() != name) continue;
                    string text = arg[(eq + 1)..];
                    object value = typeof(T) == typeof(string) ? text
                        : typeof(T) == typeof(bool) ? bool.Parse(text)
                        : Convert.ChangeType(text, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
                    return (T)value;
                }
                return fallback;
            }

            public static string Value(string[] args, string name, string fallback)
            {
                for (int i = 0; i < args.Length - 1; i++) if (args[i] == name) return args[i + 1];
                return fallback;
            }
        }
        """;
}
