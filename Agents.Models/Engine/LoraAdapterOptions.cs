namespace Agents.Models.Engine;

/// <summary>A LoRA adapter (a GGUF file) applied on top of the base weights with a scale (0 = no effect, 1 = full).</summary>
/// <param name="Path">Path of the adapter's GGUF file.</param>
/// <param name="Scale">How strongly the adapter is applied.</param>
public sealed record LoraAdapterOptions(string Path, float Scale = 1f);
