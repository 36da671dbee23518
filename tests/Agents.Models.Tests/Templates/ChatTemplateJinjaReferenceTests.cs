using Agents.Models.Templates;

namespace Agents.Models.Tests.Templates;

/// <summary>
/// Our C# formats against what the real Jinja templates (shared/models/templates) render for the same
/// conversation, character for character. Expected strings: TestData/jinja-reference.json.
/// </summary>
public sealed class ChatTemplateJinjaReferenceTests
{
    [Theory]
    [InlineData("Qwen-Qwen3-0.6B.jinja", "chatml", "with_system")]
    [InlineData("Qwen-Qwen3-0.6B.jinja", "chatml", "no_system")]
    [InlineData("Qwen3-Coder.jinja", "chatml", "with_system")]
    [InlineData("Qwen3-Coder.jinja", "chatml", "no_system")]
    [InlineData("LFM2-8B-A1B.jinja", "chatml", "with_system")]
    [InlineData("LFM2-8B-A1B.jinja", "chatml", "no_system")]
    [InlineData("LFM2.5-Instruct.jinja", "chatml", "with_system")]
    [InlineData("LFM2.5-Instruct.jinja", "chatml", "no_system")]
    [InlineData("Bielik-11B-v3.0-Instruct.jinja", "chatml", "with_system")]
    [InlineData("Bielik-11B-v3.0-Instruct.jinja", "chatml", "no_system")]
    [InlineData("openbmb-MiniCPM5-1B.jinja", "chatml", "with_system")]
    [InlineData("MiMo-VL.jinja", "chatml", "with_system")]
    [InlineData("Qwen-Qwen2.5-7B-Instruct.jinja", "qwen2.5", "with_system")]
    [InlineData("Qwen-Qwen2.5-7B-Instruct.jinja", "qwen2.5", "no_system")]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct.jinja", "llama3.1", "with_system")]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct.jinja", "llama3.1", "no_system")]
    [InlineData("meta-llama-Llama-3.2-3B-Instruct.jinja", "llama3.1", "with_system")]
    [InlineData("meta-llama-Llama-3.2-3B-Instruct.jinja", "llama3.1", "no_system")]
    [InlineData("meta-llama-Llama-3.3-70B-Instruct.jinja", "llama3.1", "with_system")]
    [InlineData("meta-llama-Llama-3.3-70B-Instruct.jinja", "llama3.1", "no_system")]
    [InlineData("microsoft-Phi-3.5-mini-instruct.jinja", "phi3", "with_system")]
    [InlineData("microsoft-Phi-3.5-mini-instruct.jinja", "phi3", "no_system")]
    [InlineData("google-gemma-2-2b-it.jinja", "gemma", "no_system")] // gemma-2 refuses a system role
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407.jinja", "mistral-v3-tekken", "with_system")]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407.jinja", "mistral-v3-tekken", "no_system")]
    [InlineData("Mistral-Small-3.2-24B-Instruct-2506.jinja", "mistral-v7-tekken", "with_system")] // no_system: long built-in prompt
    [InlineData("unsloth-mistral-Devstral-Small-2507.jinja", "mistral-v7-tekken", "with_system")]
    [InlineData("mistralai-Ministral-3-14B-Reasoning-2512.jinja", "mistral-v7-tekken", "with_system")]
    [InlineData("GLM-4.6.jinja", "glm4", "with_system")]
    [InlineData("GLM-4.6.jinja", "glm4", "no_system")]
    [InlineData("llama-cpp-rwkv-world.jinja", "rwkv-world", "with_system")]
    [InlineData("llama-cpp-rwkv-world.jinja", "rwkv-world", "no_system")]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja", "deepseek-r1", "with_system")]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja", "deepseek-r1", "no_system")]
    public void Render_FixedConversation_EqualsJinjaOutput(string file, string template, string conversation)
    {
        var expected = JinjaReference.Rendered(file, conversation);
        Assert.NotNull(expected);

        var actual = ChatTemplates.Get(template).Render(JinjaReference.Conversation(conversation), addGenerationPrompt: true);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("Qwen-Qwen3-0.6B.jinja", "chatml")]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct.jinja", "llama3.1")]
    [InlineData("microsoft-Phi-3.5-mini-instruct.jinja", "phi3")]
    [InlineData("GLM-4.6.jinja", "glm4")]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407.jinja", "mistral-v3-tekken")]
    public void Detect_ReferenceFile_PicksTheTemplateThatReproducesIt(string file, string template)
    {
        var jinja = File.ReadAllText(Agents.TestSupport.TestAssets.Require("models/templates/" + file));

        Assert.Equal(template, ChatTemplateResolver.Resolve(null, jinja).Name);
    }
}
