using Agents.Models.Templates;
using Agents.TestSupport;
using LLama;
using LLama.Common;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Templates;

public sealed class ChatTemplateResolverTests
{
    private const string ChatMlJinja = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}";

    [Fact]
    public void Resolve_ExplicitName_WinsOverGgufTemplate()
    {
        Assert.Equal("alpaca", ChatTemplateResolver.Resolve("alpaca", ChatMlJinja).Name);
    }

    [Theory]
    [InlineData("qwen", "chatml")]
    [InlineData("RWKV", "rwkv-world")]
    [InlineData("chatglm-6b", "chatglm2")]
    [InlineData("glm-4", "glm4")]
    [InlineData(" Llama3 ", "llama3")]
    public void Resolve_AliasOrOtherCase_FindsCanonicalTemplate(string name, string expected)
    {
        Assert.Equal(expected, ChatTemplateResolver.Resolve(name, null).Name);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsListingKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatTemplateResolver.Resolve("no-such-format", ChatMlJinja));

        Assert.Contains("no-such-format", error.Message, StringComparison.Ordinal);
        foreach (var name in ChatTemplates.Names)
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resolve_NoNameAndGgufTemplate_DetectsFamily()
    {
        Assert.Equal("chatml", ChatTemplateResolver.Resolve(null, ChatMlJinja).Name);
        Assert.Equal("chatml", ChatTemplateResolver.Resolve("  ", ChatMlJinja).Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{{ messages | tojson }}")]
    public void Resolve_NoNameAndNoKnownTemplate_FallsBackToPlain(string? gguf)
    {
        var template = ChatTemplateResolver.Resolve(null, gguf);

        Assert.Same(ChatTemplates.Plain, template);
        Assert.Equal("Once upon a time", template.Render([new ChatMessage(ChatRole.User, "Once upon a time")]));
    }

    [Fact]
    public void Resolve_GgufMetadataHoldingATemplateName_UsesThatTemplate()
    {
        Assert.Equal("llama3", ChatTemplateResolver.Resolve(null, "llama3").Name);
    }

    [Fact]
    public void Resolve_Phi3VocabGgufEmbeddedTemplate_PicksPhi3()
    {
        var gguf = TestAssets.Require("models/vocab/ggml-vocab-phi-3.gguf");
        using var weights = LLamaWeights.LoadFromFile(new ModelParams(gguf) { VocabOnly = true, GpuLayerCount = 0 });
        Assert.True(weights.Metadata.TryGetValue("tokenizer.chat_template", out var jinja), "the Phi-3 vocab GGUF carries tokenizer.chat_template");

        var template = ChatTemplateResolver.Resolve(null, jinja);

        Assert.Equal("phi3", template.Name);
        Assert.Contains("<|end|>", template.StopSequences);
    }

    [Fact]
    public void Names_ListsEveryFamilyTheIssueNames()
    {
        string[] required = ["alpaca", "vicuna", "openassistant", "rwkv-world", "chatglm2", "chatglm3", "glm4", "chatyuan", "llama2", "llama3", "chatml", "phi3", "gemma", "mistral", "plain"];

        Assert.All(required, name => Assert.Contains(name, ChatTemplates.Names));
        Assert.All(ChatTemplates.Names, name => Assert.True(ChatTemplates.TryGet(name, out _)));
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse()
    {
        Assert.False(ChatTemplates.TryGet("nope", out _));
    }
}
