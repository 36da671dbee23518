using Agents.Models.Templates;
using Agents.TestSupport;

namespace Agents.Models.Tests.Templates;

/// <summary>
/// Detection over every real template in shared/models/templates. The expected column says which shipped
/// template each file maps to; "exact" rows are also rendered character for character in
/// <see cref="ChatTemplateJinjaReferenceTests"/>; "family" rows get the right family's markers but the model
/// adds things our table does not (default system text, think blocks, tool preambles); null rows are
/// families we do not ship: the resolver falls back to the plain template for them.
/// </summary>
public sealed class ChatTemplateDetectorTests
{
    public static TheoryData<string, string?> Expected => new()
    {
        { "Apertus-8B-Instruct.jinja", null },
        { "Apriel-1.6-15b-Thinker-fixed.jinja", null },
        { "Bielik-11B-v3.0-Instruct.jinja", "chatml" }, // exact
        { "ByteDance-Seed-OSS.jinja", null },
        { "Cohere2MoE.jinja", null },
        { "CohereForAI-c4ai-command-r-plus-tool_use.jinja", null },
        { "CohereForAI-c4ai-command-r7b-12-2024-tool_use.jinja", null },
        { "GLM-4.6.jinja", "glm4" }, // exact
        { "GLM-4.7-Flash.jinja", "glm4" }, // family: no newline after role markers, thinking on
        { "GigaChat3-10B-A1.8B.jinja", null },
        { "GigaChat3.1-10B-A1.8B.jinja", null },
        { "HuggingFaceTB-SmolLM3-3B.jinja", "chatml" }, // family: metadata system block
        { "Kimi-K2-Instruct.jinja", null },
        { "Kimi-K2-Thinking.jinja", null },
        { "LFM2-8B-A1B.jinja", "chatml" }, // exact
        { "LFM2.5-8B-A1B.jinja", "chatml" }, // family (uses an HF-only {% generation %} tag)
        { "LFM2.5-Instruct.jinja", "chatml" }, // exact
        { "MiMo-VL.jinja", "chatml" }, // exact with a system prompt
        { "MiniMax-M2.jinja", null },
        { "MiniMax-M3.jinja", null },
        { "Mistral-Small-3.2-24B-Instruct-2506.jinja", "mistral-v7-tekken" }, // exact with a system prompt
        { "NVIDIA-Nemotron-3-Nano-30B-A3B-BF16.jinja", "chatml" }, // family: think blocks
        { "NVIDIA-Nemotron-Nano-v2.jinja", null },
        { "NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use.jinja", "chatml" }, // family: tool preamble
        { "NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja", "chatml" }, // family: tool preamble
        { "Qwen-QwQ-32B.jinja", "chatml" }, // family: reply opens a think block
        { "Qwen-Qwen2.5-7B-Instruct.jinja", "qwen2.5" }, // exact
        { "Qwen-Qwen3-0.6B.jinja", "chatml" }, // exact
        { "Qwen3-Coder.jinja", "chatml" }, // exact
        { "Qwen3.5-4B.jinja", "chatml" }, // family: reply opens a think block
        { "Reka-Edge.jinja", null },
        { "StepFun3.5-Flash.jinja", "chatml" }, // family: reply opens a think block
        { "deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja", "deepseek-r1" }, // exact
        { "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja", "deepseek-r1" }, // family: closes the think block at once
        { "deepseek-ai-DeepSeek-V3.1.jinja", "deepseek3" }, // family: empty think blocks
        { "deepseek-ai-DeepSeek-V3.2.jinja", "deepseek3" }, // family: think markers
        { "deepseek-ai-DeepSeek-V4.jinja", "deepseek3" }, // family: think markers
        { "fireworks-ai-llama-3-firefunction-v2.jinja", "llama3" }, // family: function preamble
        { "google-gemma-2-2b-it.jinja", "gemma" }, // exact without a system prompt (the template refuses one)
        { "google-gemma-4-31B-it-interleaved.jinja", null },
        { "google-gemma-4-31B-it.jinja", null },
        { "ibm-granite-granite-3.3-2B-Instruct.jinja", null },
        { "ibm-granite-granite-4.0.jinja", null },
        { "ibm-granite-granite-4.1.jinja", null },
        { "llama-cpp-deepseek-r1.jinja", "deepseek-r1" }, // family: end-of-sentence after user turns
        { "llama-cpp-rwkv-world.jinja", "rwkv-world" }, // exact
        { "meetkai-functionary-medium-v3.1.jinja", "llama3.1" }, // family: function preamble
        { "meetkai-functionary-medium-v3.2.jinja", "llama3" }, // family: function preamble
        { "meta-llama-Llama-3.1-8B-Instruct.jinja", "llama3.1" }, // exact
        { "meta-llama-Llama-3.2-3B-Instruct.jinja", "llama3.1" }, // exact
        { "meta-llama-Llama-3.3-70B-Instruct.jinja", "llama3.1" }, // exact
        { "microsoft-Phi-3.5-mini-instruct.jinja", "phi3" }, // exact
        { "mistralai-Ministral-3-14B-Reasoning-2512.jinja", "mistral-v7-tekken" }, // exact with a system prompt
        { "mistralai-Mistral-Nemo-Instruct-2407.jinja", "mistral-v3-tekken" }, // exact
        { "moonshotai-Kimi-K2.jinja", null },
        { "openai-gpt-oss-120b.jinja", null },
        { "openbmb-MiniCPM5-1B.jinja", "chatml" }, // exact with a system prompt
        { "poolside-Laguna-S-2.1.jinja", null },
        { "poolside-Laguna-XS-2.1.jinja", null },
        { "poolside-Laguna-XS.2.jinja", null },
        { "tencent-Hy3.jinja", null },
        { "unsloth-Apriel-1.5.jinja", "phi3" }, // family (as llama.cpp): Apriel adds its own system text
        { "unsloth-mistral-Devstral-Small-2507.jinja", "mistral-v7-tekken" }, // exact with a system prompt
        { "upstage-Solar-Open-100B.jinja", null },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Detect_RealTemplateFile_ReturnsExpectedFamily(string file, string? expected)
    {
        var jinja = File.ReadAllText(TestAssets.Require("models/templates/" + file));

        Assert.Equal(expected, ChatTemplateDetector.Detect(jinja));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Resolve_RealTemplateFile_FallsBackToPlainOnlyWhenUnknown(string file, string? expected)
    {
        var jinja = File.ReadAllText(TestAssets.Require("models/templates/" + file));

        Assert.Equal(expected ?? "plain", ChatTemplateResolver.Resolve(null, jinja).Name);
    }

    [Fact]
    public void Expected_CoversEveryTemplateFile()
    {
        var folder = TestAssets.Require("models/templates");
        var files = Directory.GetFiles(folder, "*.jinja").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var listed = Expected.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(files, listed);
    }
}
