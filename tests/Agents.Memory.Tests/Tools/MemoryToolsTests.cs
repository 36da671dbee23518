using Agents.Core.Memory;
using Agents.Core.Tools;
using Agents.Memory.Embeddings;
using Agents.Memory.Tools;
using Agents.Memory.Storage;
using Agents.Memory.Tests.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Memory.Tests.Tools;

public sealed class MemoryToolsTests : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmFixture _fixture;

    public MemoryToolsTests(MiniLmFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task RememberThenRecall_ThroughToolFactories_ReturnsRememberedText()
    {
        using var dir = new TempDir();
        var services = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_fixture.Generator) // share the loaded model
            .AddAgentMemory(o => o.StorePath = dir.File("memory.db"))
            .AddMemoryTools();
        await using var sp = services.BuildServiceProvider();
        var factories = sp.GetServices<IAgentToolFactory>().ToDictionary(f => f.Name);
        Assert.Equal(["recall", "remember"], factories.Keys.Order());
        var remember = factories["remember"].Create(ToolSettings.Empty, sp);
        var recall = factories["recall"].Create(new ToolSettings(new Dictionary<string, object?> { ["max_top_k"] = 2 }, "."), sp);

        var ack = await remember.InvokeAsync(new AIFunctionArguments { ["text"] = "The build server's password rotates every Tuesday." });
        Assert.StartsWith("Remembered", ack?.ToString(), StringComparison.Ordinal);
        await remember.InvokeAsync(new AIFunctionArguments { ["text"] = "Cats sleep about sixteen hours a day." });

        var answer = (await recall.InvokeAsync(new AIFunctionArguments { ["query"] = "when does the password change", ["top_k"] = 5 }))?.ToString();
        Assert.NotNull(answer);
        var lines = answer!.Split('\n');
        Assert.Equal(2, lines.Length); // clamped to max_top_k
        Assert.Contains("Tuesday", lines[0], StringComparison.Ordinal);
        Assert.IsType<SqliteVectorIndex>(sp.GetRequiredService<IVectorIndex>());
    }

    [Fact]
    public void Tools_Schema_NamesParameters()
    {
        using var index = new InMemoryVectorIndex();
        var memory = new VectorAgentMemory(_fixture.Generator, index);
        var recall = MemoryTools.CreateRecall(memory);
        Assert.Equal("recall", recall.Name);
        var schema = recall.JsonSchema.ToString();
        Assert.Contains("\"query\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"top_k\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"text\"", MemoryTools.CreateRemember(memory).JsonSchema.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remember_EmptyOrTooLong_AnswersWithError()
    {
        using var index = new InMemoryVectorIndex();
        var remember = MemoryTools.CreateRemember(new VectorAgentMemory(_fixture.Generator, index), maxChars: 10);
        Assert.StartsWith("Error", (await remember.InvokeAsync(new AIFunctionArguments { ["text"] = " " }))?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Error", (await remember.InvokeAsync(new AIFunctionArguments { ["text"] = "far too long text" }))?.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await index.CountAsync());
    }

    [Fact]
    public void RecallFactory_BadSetting_ThrowsNamingIt()
    {
        var services = new ServiceCollection().AddSingleton<IAgentMemory>(new VectorAgentMemory(_fixture.Generator, new InMemoryVectorIndex()));
        using var sp = services.BuildServiceProvider();
        var ex = Assert.Throws<ArgumentException>(() => new Agents.Memory.Tools.RecallToolFactory().Create(new ToolSettings(new Dictionary<string, object?> { ["min_score"] = "high" }, "."), sp));
        Assert.Contains("min_score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAgentMemory_RegistersWithoutLoadingTheModel()
    {
        var services = new ServiceCollection().AddAgentMemory(o => o.Embedding.ModelDirectory = null);
        Assert.Contains(services, d => d.ServiceType == typeof(IAgentMemory) && d.ImplementationFactory is not null);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAgentMemory(o => o.MaxTopK = 0));
    }
}
