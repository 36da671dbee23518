using Agents.Models.Engine;
using Agents.Models.Grammars;
using Agents.Server.OpenAI;

namespace Agents.Server.Tests.OpenAI;

public sealed class EngineErrorsTests
{
    [Fact]
    public void TryMap_ContextOverflow_Is400ContextLengthExceeded()
    {
        var error = EngineErrors.TryMap(new InvalidOperationException("wrapped", new ContextOverflowException(900, 512)));

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("context_length_exceeded", error.Code);
    }

    [Fact]
    public void TryMap_GrammarTheModelCannotFollow_Is400InvalidGrammar()
    {
        var error = EngineErrors.TryMap(new GrammarException("The grammar allows no token of this model's vocabulary at this point."));

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("invalid_grammar", error.Code);
        Assert.Contains("vocabulary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_UnknownEngineFailure_IsNotARequestError()
    {
        Assert.Null(EngineErrors.TryMap(new InvalidOperationException("llama_decode returned 2")));
    }
}
