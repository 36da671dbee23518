namespace Agents.Models.Store;

/// <summary>The models named by default; the one place to change them.</summary>
public static class DefaultModels
{
    /// <summary>
    /// The default small instruct model: Qwen2.5-0.5B-Instruct at Q4_K_M (0.49 B parameters, Apache-2.0, about
    /// 470 MB, 32K context). Pulling it checks the sha256 that Hugging Face publishes for the file.
    /// </summary>
    public const string Instruct = "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf";
}
