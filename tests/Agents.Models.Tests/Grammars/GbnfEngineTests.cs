using Agents.Models.Grammars;
using Agents.Models.Tests.Families;
using Agents.TestSupport;

namespace Agents.Models.Tests.Grammars;

/// <summary>Every grammar the validator accepts is accepted by llama.cpp itself (an invalid one would crash the host).</summary>
public sealed class GbnfEngineTests
{
    [Theory]
    [MemberData(nameof(ValidGrammars.All), MemberType = typeof(ValidGrammars))]
    public void Engine_ValidGrammar_GeneratesWithoutCrashing(string name, string gbnf)
    {
        GbnfValidator.Validate(gbnf);
        string text = TestEngine.Generate(TestAssets.Stories260K, "Once upon a time", 8, gbnf, seed: 7, temperature: 0.8f);
        Assert.False(text is null, name);
    }

    [Fact]
    public void Engine_ChessGrammar_OutputFollowsGrammar()
    {
        string text = TestEngine.Generate(TestAssets.Stories260K, "Once upon a time", 12, ValidGrammars.Chess, seed: 3, temperature: 0.8f);
        Assert.StartsWith("1. ", text, StringComparison.Ordinal);
    }
}
