using ScalingLaws.Notebooks.Execution;

namespace ScalingLaws.Notebooks.Tests.Execution;

public class CellRewriterTests
{
    private const string Check = "global::ScalingLaws.Notebooks.Execution.CellHooks.LoopCheck();";

    [Theory]
    [InlineData("while (true) { x++; }")]
    [InlineData("while (true) x++;")]
    [InlineData("for (int i = 0; ; i++)\n{\n    x += i;\n}")]
    [InlineData("foreach (var item in items) Use(item);")]
    [InlineData("foreach (var (a, b) in pairs) { }")]
    [InlineData("do { x++; } while (x > 0);")]
    public void Every_loop_body_starts_with_the_interrupt_check_and_keeps_its_lines(string loop)
    {
        string rewritten = CellRewriter.Rewrite(loop);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(rewritten, System.Text.RegularExpressions.Regex.Escape(Check)));
        Assert.Equal(loop.Split('\n').Length, rewritten.Split('\n').Length);
    }

    [Fact]
    public void Nested_loops_and_loops_in_methods_each_get_a_check()
    {
        string code = "static void Spin() { while (true) { for (;;) { } } }\nSpin();";
        Assert.Equal(2, CellRewriter.Rewrite(code).Split(Check).Length - 1);
    }

    [Theory]
    [InlineData("Environment.Exit(3);")]
    [InlineData("System.Environment.Exit(code);")]
    [InlineData("global::System.Environment.Exit(0);")]
    public void Environment_Exit_becomes_the_hook_that_fails_the_cell(string call)
    {
        string rewritten = CellRewriter.Rewrite(call);
        Assert.Contains("global::ScalingLaws.Notebooks.Execution.CellHooks.Exit(", rewritten);
        Assert.DoesNotContain("Environment.Exit", rewritten);
    }

    [Fact]
    public void Code_without_loops_or_exits_and_code_that_does_not_parse_are_left_as_written()
    {
        Assert.Equal("var x = Environment.ExitCode;\n1 + x", CellRewriter.Rewrite("var x = Environment.ExitCode;\n1 + x"));
        Assert.Equal("while (true { broken", CellRewriter.Rewrite("while (true { broken"));
    }
}
