using Agents.Models.Templates;
using Microsoft.Extensions.AI;

namespace Agents.Models.Tests.Templates;

/// <summary>
/// Families with no Jinja file in shared/models/templates: expected strings derived by hand from the source
/// cited on each row (the same fixed conversation as the Jinja reference tests; leading BOS left to the tokenizer).
/// </summary>
public sealed class ChatTemplateFormatTests
{
    private static readonly ChatMessage[] WithSystem =
    [
        new(ChatRole.System, "You are a helpful assistant."),
        new(ChatRole.User, "Hello! What is 2+2?"),
        new(ChatRole.Assistant, "2+2 equals 4."),
        new(ChatRole.User, "And 3+3?"),
    ];

    public static TheoryData<string, string> Expected => new()
    {
        // tatsu-lab/stanford_alpaca README prompt layout; turns as text-generation-webui's "Alpaca" template.
        { "alpaca", "You are a helpful assistant.\n\n### Instruction:\nHello! What is 2+2?\n\n### Response:\n2+2 equals 4.\n\n### Instruction:\nAnd 3+3?\n\n### Response:\n" },

        // lm-sys/FastChat fastchat/conversation.py, "vicuna_v1.1": ADD_COLON_TWO, sep " ", sep2 "</s>".
        { "vicuna", "You are a helpful assistant. USER: Hello! What is 2+2? ASSISTANT: 2+2 equals 4.</s>USER: And 3+3? ASSISTANT:" },

        // OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5 model card ("<|prompter|>…<|endoftext|><|assistant|>"), <|system|> from oasst-sft-6-llama-30b.
        { "openassistant", "<|system|>You are a helpful assistant.<|endoftext|><|prompter|>Hello! What is 2+2?<|endoftext|><|assistant|>2+2 equals 4.<|endoftext|><|prompter|>And 3+3?<|endoftext|><|assistant|>" },

        // THUDM/chatglm2-6b tokenization_chatglm.py build_prompt; no system role, so it opens the first question.
        { "chatglm2", "[Round 1]\n\n问：You are a helpful assistant.\n\nHello! What is 2+2?\n\n答：2+2 equals 4.\n\n[Round 2]\n\n问：And 3+3?\n\n答：" },

        // THUDM/chatglm3-6b tokenizer_config.json chat_template ("<|role|>\n content", "[gMASK]sop" first).
        { "chatglm3", "[gMASK]sop<|system|>\n You are a helpful assistant.<|user|>\n Hello! What is 2+2?<|assistant|>\n 2+2 equals 4.<|user|>\n And 3+3?<|assistant|>" },

        // ClueAI/ChatYuan-large-v2 model card: "用户：…\n小元：…" lines, prompt ends with "小元：".
        { "chatyuan", "用户：You are a helpful assistant.\n\nHello! What is 2+2?\n小元：2+2 equals 4.\n用户：And 3+3?\n小元：" },

        // meta-llama/Llama-2-7b-chat-hf chat_template (bos + "[INST] " … " [/INST]", " " + answer + " " + eos); first BOS left to the tokenizer.
        { "llama2", "[INST] <<SYS>>\nYou are a helpful assistant.\n<</SYS>>\n\nHello! What is 2+2? [/INST] 2+2 equals 4. </s><s>[INST] And 3+3? [/INST]" },

        // meta-llama/Meta-Llama-3-8B-Instruct chat_template.
        { "llama3", "<|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello! What is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n2+2 equals 4.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" },

        // mistralai cookbook concept-deep-dive/tokenization "v1" (Mistral-7B-Instruct v0.1/v0.2): system opens the last user turn.
        { "mistral", " [INST] Hello! What is 2+2? [/INST] 2+2 equals 4.</s> [INST] You are a helpful assistant.\n\nAnd 3+3? [/INST]" },

        // google/gemma-3 chat_template: no system role; system text + "\n\n" opens the first user turn.
        { "gemma", "<start_of_turn>user\nYou are a helpful assistant.\n\nHello! What is 2+2?<end_of_turn>\n<start_of_turn>model\n2+2 equals 4.<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n<start_of_turn>model\n" },

        // Our fallback for models without a template: turns joined by newlines.
        { "plain", "You are a helpful assistant.\nHello! What is 2+2?\n2+2 equals 4.\nAnd 3+3?" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Render_FixedConversation_EqualsModelCardFormat(string template, string expected)
    {
        Assert.Equal(expected, ChatTemplates.Get(template).Render(WithSystem));
    }

    [Fact]
    public void Render_AlpacaWithoutSystem_UsesAlpacaPreamble()
    {
        var text = ChatTemplates.Get("alpaca").Render([new ChatMessage(ChatRole.User, "Name a color.")]);

        Assert.Equal("Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\nName a color.\n\n### Response:\n", text);
    }

    [Fact]
    public void Render_ChatGlm2WithoutSystem_NumbersRounds()
    {
        var text = ChatTemplates.Get("chatglm2").Render(WithSystem[1..]);

        Assert.Equal("[Round 1]\n\n问：Hello! What is 2+2?\n\n答：2+2 equals 4.\n\n[Round 2]\n\n问：And 3+3?\n\n答：", text);
    }

    [Fact]
    public void Render_MessageContainingPlaceholders_IsNotSubstituted()
    {
        var text = ChatTemplates.Get("chatglm2").Render([new ChatMessage(ChatRole.System, "{content}"), new ChatMessage(ChatRole.User, "{round} {system}")]);

        Assert.Equal("[Round 1]\n\n问：{content}\n\n{round} {system}\n\n答：", text);
    }

    [Fact]
    public void Render_WithoutGenerationPrompt_EndsAfterLastTurn()
    {
        var text = ChatTemplates.Get("chatml").Render([new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, "Hello")], addGenerationPrompt: false);

        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n", text);
    }

    [Fact]
    public void Render_SystemOnlyInFormatWithoutSystemRole_BecomesUserTurn()
    {
        var text = ChatTemplates.Get("mistral-v3-tekken").Render([new ChatMessage(ChatRole.System, "Be brief.")]);

        Assert.Equal("[INST]Be brief.[/INST]", text);
    }

    [Fact]
    public void Render_ToolResult_IsRenderedAsUserTurn()
    {
        var text = ChatTemplates.Get("phi3").Render([new ChatMessage(ChatRole.Tool, "Observation: 4")]);

        Assert.Equal("<|user|>\nObservation: 4<|end|>\n<|assistant|>\n", text);
    }

    [Fact]
    public void Render_NullMessage_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatTemplates.Get("chatml").Render([new ChatMessage(ChatRole.User, "Hi"), null!]));

        Assert.Contains("Message 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StopSequences_EveryTemplateWithTurnMarkers_HasStops()
    {
        foreach (var name in ChatTemplates.Names.Where(n => n != "plain"))
        {
            Assert.NotEmpty(ChatTemplates.Get(name).StopSequences);
        }
    }
}
