namespace Agents.Models.Templates;

/// <summary>
/// Recognises a model family from the Jinja text of its <c>tokenizer.chat_template</c> by distinctive markers,
/// in the spirit of llama.cpp's <c>llm_chat_detect_template</c>. Returns a name from <see cref="ChatTemplates.Names"/>.
/// </summary>
public static class ChatTemplateDetector
{
    /// <summary>Returns the template name for the Jinja text, or null when no shipped family matches.</summary>
    public static string? Detect(string jinja)
    {
        ArgumentNullException.ThrowIfNull(jinja);
        bool Has(string marker) => jinja.Contains(marker, StringComparison.Ordinal);

        if (ChatTemplates.TryGet(jinja.Trim(), out _) && !Has("{"))
        {
            return ChatTemplates.Get(jinja.Trim()).Name; // the metadata holds a template name, not Jinja
        }

        if (Has("<|im_start|>"))
        {
            return Has("You are Qwen, created by Alibaba Cloud") ? "qwen2.5" : "chatml";
        }

        if (Has("[INST]"))
        {
            if (Has("[SYSTEM_PROMPT]"))
            {
                return "mistral-v7-tekken";
            }

            if (Has("<<SYS>>") || Has("bos_token + '[INST]"))
            {
                return "llama2";
            }

            return Has("\"[INST]\"") ? "mistral-v3-tekken" : "mistral";
        }

        if (Has("<|assistant|>") && Has("<|end|>"))
        {
            return "phi3";
        }

        if (Has("[gMASK]<sop>"))
        {
            return "glm4";
        }

        if (Has("[gMASK]sop"))
        {
            return "chatglm3";
        }

        if (Has("<|prompter|>"))
        {
            return "openassistant";
        }

        if (Has("<start_of_turn>"))
        {
            return "gemma";
        }

        if (Has("<|start_header_id|>") && Has("<|end_header_id|>"))
        {
            return Has("Cutting Knowledge Date") ? "llama3.1" : "llama3";
        }

        if (Has("<｜User｜>") && Has("<｜Assistant｜>"))
        {
            return Has("<｜Assistant｜><think>\\n") ? "deepseek-r1" : "deepseek3";
        }

        if (Has("rwkv-world") || (Has("'User: '") && Has("'Assistant: '")))
        {
            return "rwkv-world";
        }

        if (Has("USER: ") && Has("ASSISTANT:"))
        {
            return "vicuna";
        }

        if (Has("### Instruction:") && Has("### Response:"))
        {
            return "alpaca";
        }

        if (Has("[Round ") && Has("问："))
        {
            return "chatglm2";
        }

        if (Has("用户：") && Has("小元："))
        {
            return "chatyuan";
        }

        return null;
    }
}
