namespace Agents.Models.Templates;

/// <summary>
/// Every shipped chat format in one table. Rendered prompts leave out the leading BOS token (the tokenizer adds
/// it, as llama.cpp does when it strips <c>bos_token</c> from a rendered Jinja template); tokenize them with
/// special-token parsing on. Sources: the Jinja files in <c>shared/models/templates</c> where one exists (each
/// format's test compares against them), otherwise the model card or reference code named beside the row.
/// </summary>
public static class ChatFormats
{
    /// <summary>Plain text for models with no chat template (e.g. stories260K): turns joined by newlines, no markers.</summary>
    public static ChatFormat Plain { get; } = new("plain", "", "{content}", "{content}", "{content}", "", [])
    {
        Separator = "\n",
    };

    /// <summary>All shipped formats.</summary>
    public static IReadOnlyList<ChatFormat> All { get; } =
    [
        Plain,

        // tatsu-lab/stanford_alpaca README (PROMPT_DICT "prompt_no_input"), in the multi-turn form of
        // text-generation-webui's "Alpaca" instruction template.
        new("alpaca", "", "{content}\n\n", "### Instruction:\n{content}\n\n", "### Response:\n{content}\n\n", "### Response:\n", ["### Instruction:"])
        {
            DefaultSystem = "Below is an instruction that describes a task. Write a response that appropriately completes the request.",
        },

        // lm-sys/FastChat conversation.py "vicuna_v1.1" (SeparatorStyle.ADD_COLON_TWO, sep " ", sep2 "</s>").
        new("vicuna", "", "{content} ", "USER: {content} ", "ASSISTANT: {content}</s>", "ASSISTANT:", ["</s>", "USER:"])
        {
            DefaultSystem = "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the user's questions.",
        },

        // OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5 model card; <|system|> as in oasst-sft-6-llama-30b.
        new("openassistant", "", "<|system|>{content}<|endoftext|>", "<|prompter|>{content}<|endoftext|>", "<|assistant|>{content}<|endoftext|>", "<|assistant|>", ["<|endoftext|>"]),

        // templates/llama-cpp-rwkv-world.jinja (RWKV World/Raven chat format).
        new("rwkv-world", "", "System: {content}\n\n", "User: {content}\n\n", "Assistant: {content}\n\n", "Assistant:", ["\n\nUser:"])
        {
            TrimContent = true,
        },

        // THUDM/chatglm2-6b tokenization_chatglm.py build_prompt (no system role: merged into the first question).
        new("chatglm2", "", "", "[Round {round}]\n\n问：{content}\n\n答：", "{content}\n\n", "", ["[Round "])
        {
            SystemMode = SystemPromptMode.MergeIntoFirstUser,
        },

        // THUDM/chatglm3-6b tokenizer_config.json chat_template.
        new("chatglm3", "[gMASK]sop", "<|system|>\n {content}", "<|user|>\n {content}", "<|assistant|>\n {content}", "<|assistant|>", ["<|user|>", "<|observation|>"]),

        // templates/GLM-4.6.jinja (non-thinking turns carry an empty think block).
        new("glm4", "[gMASK]<sop>", "<|system|>\n{content}", "<|user|>\n{content}", "<|assistant|>\n<think></think>\n{content}", "<|assistant|>", ["<|user|>", "<|observation|>", "<|endoftext|>"])
        {
            TrimContent = true,
        },

        // ClueAI/ChatYuan-large-v2 model card (context = "用户：…\n小元：…" lines).
        new("chatyuan", "", "", "用户：{content}\n", "小元：{content}\n", "小元：", ["用户："])
        {
            SystemMode = SystemPromptMode.MergeIntoFirstUser,
        },

        // meta-llama/Llama-2-7b-chat-hf tokenizer_config.json chat_template (BOS inside history, stripped text).
        new("llama2", "", "", "<s>[INST] {content} [/INST]", " {content} </s>", "", ["</s>", "[INST]"])
        {
            FirstUser = "[INST] {content} [/INST]",
            SystemMode = SystemPromptMode.MergeIntoFirstUser,
            SystemMerge = "<<SYS>>\n{system}\n<</SYS>>\n\n{content}",
            TrimContent = true,
        },

        // meta-llama/Meta-Llama-3-8B-Instruct chat_template.
        new("llama3", "", "<|start_header_id|>system<|end_header_id|>\n\n{content}<|eot_id|>", "<|start_header_id|>user<|end_header_id|>\n\n{content}<|eot_id|>", "<|start_header_id|>assistant<|end_header_id|>\n\n{content}<|eot_id|>", "<|start_header_id|>assistant<|end_header_id|>\n\n", ["<|eot_id|>", "<|eom_id|>"])
        {
            TrimContent = true,
        },

        // templates/meta-llama-Llama-3.1-8B-Instruct.jinja, 3.2, 3.3: a system turn always, with the template's default date.
        new("llama3.1", "", "<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n{content}<|eot_id|>", "<|start_header_id|>user<|end_header_id|>\n\n{content}<|eot_id|>", "<|start_header_id|>assistant<|end_header_id|>\n\n{content}<|eot_id|>", "<|start_header_id|>assistant<|end_header_id|>\n\n", ["<|eot_id|>", "<|eom_id|>"])
        {
            TrimContent = true,
            DefaultSystem = "",
        },

        // templates/Qwen-Qwen3-0.6B.jinja and ChatML in general.
        new("chatml", "", "<|im_start|>system\n{content}<|im_end|>\n", "<|im_start|>user\n{content}<|im_end|>\n", "<|im_start|>assistant\n{content}<|im_end|>\n", "<|im_start|>assistant\n", ["<|im_end|>"]),

        // templates/Qwen-Qwen2.5-7B-Instruct.jinja: ChatML with Qwen's default system prompt.
        new("qwen2.5", "", "<|im_start|>system\n{content}<|im_end|>\n", "<|im_start|>user\n{content}<|im_end|>\n", "<|im_start|>assistant\n{content}<|im_end|>\n", "<|im_start|>assistant\n", ["<|im_end|>"])
        {
            DefaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.",
        },

        // templates/microsoft-Phi-3.5-mini-instruct.jinja.
        new("phi3", "", "<|system|>\n{content}<|end|>\n", "<|user|>\n{content}<|end|>\n", "<|assistant|>\n{content}<|end|>\n", "<|assistant|>\n", ["<|end|>", "<|endoftext|>"]),

        // templates/google-gemma-2-2b-it.jinja; no system role: merged into the first user turn as Gemma 3's template does.
        new("gemma", "", "", "<start_of_turn>user\n{content}<end_of_turn>\n", "<start_of_turn>model\n{content}<end_of_turn>\n", "<start_of_turn>model\n", ["<end_of_turn>"])
        {
            SystemMode = SystemPromptMode.MergeIntoFirstUser,
            TrimContent = true,
        },

        // mistralai/Mistral-7B-Instruct-v0.1/v0.2 (v1 tokenizer; mistralai cookbook "chat_templates.md"), system merged into the last user turn.
        new("mistral", "", "", " [INST] {content} [/INST]", " {content}</s>", "", ["</s>", "[INST]"])
        {
            SystemMode = SystemPromptMode.MergeIntoLastUser,
        },

        // templates/mistralai-Mistral-Nemo-Instruct-2407.jinja (v3 Tekken): system merged into the last user turn.
        new("mistral-v3-tekken", "", "", "[INST]{content}[/INST]", "{content}</s>", "", ["</s>", "[INST]"])
        {
            SystemMode = SystemPromptMode.MergeIntoLastUser,
        },

        // templates/Mistral-Small-3.2-24B-Instruct-2506.jinja (v7 Tekken, explicit system prompt).
        new("mistral-v7-tekken", "", "[SYSTEM_PROMPT]{content}[/SYSTEM_PROMPT]", "[INST]{content}[/INST]", "{content}</s>", "", ["</s>", "[INST]"]),

        // templates/deepseek-ai-DeepSeek-V3.1.jinja family (DeepSeek V3 / R1 markers), non-thinking.
        new("deepseek3", "", "{content}", "<｜User｜>{content}", "<｜Assistant｜>{content}<｜end▁of▁sentence｜>", "<｜Assistant｜>", ["<｜end▁of▁sentence｜>", "<｜User｜>"]),

        // templates/deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja: the reply opens a think block.
        new("deepseek-r1", "", "{content}", "<｜User｜>{content}", "<｜Assistant｜>{content}<｜end▁of▁sentence｜>", "<｜Assistant｜><think>\n", ["<｜end▁of▁sentence｜>", "<｜User｜>"]),
    ];

    /// <summary>Other names users know these formats by.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Aliases { get; } =
    [
        new("qwen", "chatml"),
        new("qwen3", "chatml"),
        new("rwkv", "rwkv-world"),
        new("raven", "rwkv-world"),
        new("chatglm", "chatglm2"),
        new("chatglm-6b", "chatglm2"),
        new("glm-4", "glm4"),
        new("chatglm4", "glm4"),
        new("oasst", "openassistant"),
        new("llama-2", "llama2"),
        new("llama-3", "llama3"),
        new("phi-3", "phi3"),
        new("mistral-v1", "mistral"),
        new("deepseek", "deepseek3"),
    ];
}
