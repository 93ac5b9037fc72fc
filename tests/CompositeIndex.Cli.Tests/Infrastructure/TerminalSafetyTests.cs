using System.Text;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Infrastructure;

/// <summary>
/// Terminal escape sequences in unit names, definition names and command-line values never reach a terminal: every
/// table and message shows them escaped (issue "hostile input": they reached the table output and error messages).
/// </summary>
public class TerminalSafetyTests
{
    /// <summary>Sets the window title, clears the screen, turns text red and reverses the line (ESC, BEL, CSI U+009B, RLO).</summary>
    private const string Evil = "\u001b]0;pwned\u0007Ald\u001b[2J\u009b31m\u202emoor\rX";

    private static bool Clean(string s) => s.All(c => !(c < 0x20 && c is not '\n' and not '\t') && !(c >= 0x7F && c <= 0x9F) && c is not '\u202e');

    private static (string Definition, string Data) Inputs()
    {
        var data = TempFile("cities.csv");
        var lines = File.ReadAllLines(QuickStartData);
        lines[1] = lines[1].Replace("Aldmoor", $"\"{Evil}\"", StringComparison.Ordinal);
        lines[2] = lines[2].Replace("Aldmoor", $"\"{Evil}\"", StringComparison.Ordinal);
        File.WriteAllLines(data, lines, new UTF8Encoding(false));
        var definition = Path.Combine(Path.GetDirectoryName(data)!, "wellbeing.json");
        File.WriteAllText(definition, File.ReadAllText(QuickStartDefinition).Replace("\"City Well-being Index\"", "\"City\\u001b[31m Index\\u009b\"", StringComparison.Ordinal));
        return (definition, data);
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("explain")]
    [InlineData("audit")]
    [InlineData("validate")]
    public void Command_NamesWithEscapeSequences_ShowThemEscaped(string command)
    {
        var (definition, data) = Inputs();
        string[] args = command switch
        {
            "explain" => ["explain", definition, "--data", data, "--unit", "ALD"],
            "validate" => ["validate", definition],
            _ => [command, definition, "--data", data],
        };

        var (code, stdout, stderr) = Run(args);

        Assert.Equal(0, code);
        Assert.True(Clean(stdout), stdout);
        Assert.True(Clean(stderr), stderr);
        Assert.Contains("City\\x1b[31m Index\\x9b", stdout, StringComparison.Ordinal);
        if (command is "compute" or "explain")
        {
            Assert.Contains("\\x1b]0;pwned\\x07Ald\\x1b[2J\\x9b31m\\u202emoor\\x0dX", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Errors_EchoingAHostileValue_ShowItEscaped()
    {
        var (definition, data) = Inputs();

        var unknownUnit = Run("explain", definition, "--data", data, "--unit", "\u001b[2Jnobody");
        var unknownOption = Run("compute", definition, "--data", data, "--\u001b[31mcolour");
        var missingFile = Run("compute", definition, "--data", data + "\u001b[8m");

        foreach (var (code, stdout, stderr) in new[] { unknownUnit, unknownOption, missingFile })
        {
            Assert.NotEqual(0, code);
            Assert.True(Clean(stderr), stderr);
            Assert.True(Clean(stdout), stdout);
        }

        Assert.Contains("\\x1b[2Jnobody", unknownUnit.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ToARedirectedStdout_KeepsTheDataExact_ToATerminal_EscapesIt()
    {
        var (definition, data) = Inputs();

        var redirected = Run("compute", definition, "--data", data, "--format", "csv");
        var stdout = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(["compute", definition, "--data", data, "--format", "csv"], stdout, TextWriter.Null, terminal: false, CancellationToken.None, outputIsTerminal: true);

        Assert.Equal(0, redirected.Code);
        Assert.Contains(Evil, redirected.Out, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.True(Clean(stdout.ToString()));
    }

    [Fact]
    public void Clean_EscapesControlsOnly_AndIsIdempotent()
    {
        Assert.Equal("a\\x1b[0m\tb\nc\\x7f\\x9b\\u202e서울", TerminalText.Clean("a\u001b[0m\tb\nc\u007f\u009b\u202e서울"));
        Assert.Equal(TerminalText.Clean(Evil), TerminalText.Clean(TerminalText.Clean(Evil)));
        const string plain = "Zürich 서울";
        Assert.Same(plain, TerminalText.Clean(plain));
    }
}

/// <summary>The audit never prints a raw NaN or infinity: degenerate statistics show as "n/a" with the reason.</summary>
public class AuditDegenerateDataTests
{
    /// <summary>Two indicators that always add up to the same total (b = 10 − a): the group total has zero variance, so Cronbach's alpha is undefined (it printed −Infinity).</summary>
    [Fact]
    public void Audit_GroupTotalWithZeroVariance_PrintsNoNaNOrInfinity()
    {
        var definition = TempFile("zero.json");
        File.WriteAllText(definition, """
            { "schemaVersion": 2, "id": "z", "name": "Zero", "indicators": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
              "groups": [ { "id": "g", "children": [ { "id": "a" }, { "id": "b" } ] }, { "id": "root", "children": [ { "id": "g" }, { "id": "c" } ] } ],
              "normalization": { "method": "minMax" } }
            """);
        var data = Path.Combine(Path.GetDirectoryName(definition)!, "zero.csv");
        File.WriteAllText(data, "unit,period,a,b,c\nu1,1,1,9,3\nu2,1,4,6,1\nu3,1,7,3,2\nu4,1,9,1,5\nu5,1,2,8,4\n");

        var (code, stdout, stderr) = Run("audit", definition, "--data", data);
        var json = Run("audit", definition, "--data", data, "--json", "-");

        Assert.Equal(0, code);
        Assert.Equal(0, json.Code);
        Assert.Contains("Cronbach", stdout + json.Out, StringComparison.OrdinalIgnoreCase);
        foreach (var text in new[] { stdout, stderr, json.Out, json.Err })
        {
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
            Assert.DoesNotContain("∞", text, StringComparison.Ordinal);
        }
    }
}
