using Agents.Core.Tools;
using Agents.Tools.Calculator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Tools.Tests.Common;

public sealed class ToolRegistrationTests
{
    [Fact]
    public void AddStandardTools_RegistersEveryFactoryOnce()
    {
        var services = new ServiceCollection().AddStandardTools().AddStandardTools().BuildServiceProvider();
        var names = services.GetServices<IAgentToolFactory>().Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(["calculator", "delete_file", "fetch_page", "list_files", "read_file", "search_files", "web_search", "write_file"], names);
    }

    [Fact]
    public void Factories_CreateAIFunctionsWithNameDescriptionAndObjectSchema()
    {
        var services = new ServiceCollection().AddStandardTools().BuildServiceProvider();
        var settings = new ToolSettings(new Dictionary<string, object?>(), Path.GetTempPath());
        foreach (var factory in services.GetServices<IAgentToolFactory>())
        {
            var tool = factory.Create(settings, services);
            Assert.Equal(factory.Name, tool.Name);
            Assert.True(tool.Description.Length > 40, $"{tool.Name} needs a description");
            Assert.Contains("\"type\":\"object\"", tool.JsonSchema.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("Example", tool.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Calculator_ThroughAIFunction_AcceptsMisnamedSingleArgument()
    {
        AIFunction tool = new CalculatorToolFactory().Create(ToolSettings.Empty, new ServiceCollection().BuildServiceProvider());
        Assert.Equal("1024", await tool.InvokeAsync(new AIFunctionArguments { ["expression"] = "2^10" }));
        Assert.Equal("7", await tool.InvokeAsync(new AIFunctionArguments { ["expr"] = "3+4" }));
        await Assert.ThrowsAsync<ToolException>(async () => await tool.InvokeAsync(new AIFunctionArguments()));
    }

    [Fact]
    public async Task CalculatorFactory_ReadsLimitsFromSettings()
    {
        var settings = new ToolSettings(new Dictionary<string, object?> { ["max_length"] = 5 }, Path.GetTempPath());
        var tool = new CalculatorToolFactory().Create(settings, new ServiceCollection().BuildServiceProvider());
        await Assert.ThrowsAsync<CalculatorException>(async () => await tool.InvokeAsync(new AIFunctionArguments { ["expression"] = "1+1+1+1" }));
    }

    [Fact]
    public void FileFactory_RootSettingIsRelativeToBaseDirectory()
    {
        var options = Agents.Tools.Files.FileToolFactory.ReadOptions(new ToolSettings(
            new Dictionary<string, object?> { ["root"] = "data", ["read_only"] = "true", ["max_read_bytes"] = 10L }, "/srv/recipes"));
        Assert.Equal("/srv/recipes/data", options.Root);
        Assert.True(options.ReadOnly);
        Assert.Equal(10, options.MaxReadBytes);
    }

    [Fact]
    public void FetchFactory_ReadsAllowedHostsAndLimits()
    {
        var options = Agents.Tools.Web.FetchPageToolFactory.ReadOptions(new ToolSettings(
            new Dictionary<string, object?> { ["allowed_hosts"] = new List<object?> { "intranet.local" }, ["timeout_seconds"] = "2.5", ["max_redirects"] = 2 }, "/"));
        Assert.Equal(["intranet.local"], options.AllowedHosts);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal(2, options.MaxRedirects);
    }
}
