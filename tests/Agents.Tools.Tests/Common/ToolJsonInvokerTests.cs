using System.Text.Json;
using Agents.Tools.Calculator;

namespace Agents.Tools.Tests.Common;

public sealed class ToolJsonInvokerTests
{
    private readonly CalculatorTool _tool = new();

    [Theory]
    [InlineData("{\"expression\":\"2^10\"}", true, "1024")]
    [InlineData("{\"expression\":\"(1+2)*)\"}", false, "unexpected ')' at 7.")]
    [InlineData("not json", false, "invalid JSON arguments")]
    [InlineData("[1,2]", false, "must be a JSON object")]
    [InlineData("{}", false, "missing required argument 'expression'")]
    [InlineData("{\"expression\":\"1/0\"}", false, "division by zero")]
    public async Task InvokeAsync_GivesOneJsonLine(string args, bool ok, string fragment)
    {
        var (success, line) = await ToolJsonInvoker.InvokeAsync(_tool, args);
        Assert.Equal(ok, success);
        Assert.DoesNotContain('\n', line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(ok, doc.RootElement.GetProperty("ok").GetBoolean());
        var text = doc.RootElement.GetProperty(ok ? "result" : "error").GetString();
        Assert.Contains(fragment, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_EscapesControlCharactersAndKeepsUnicodeReadable()
    {
        var line = ToolJsonInvoker.Error("bad\nthing: ü \"q\"");
        Assert.Equal("{\"ok\":false,\"error\":\"bad\\nthing: ü \\\"q\\\"\"}", line);
    }
}
