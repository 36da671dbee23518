namespace Agents.Server.Hosting;

/// <summary>What a served name stands for.</summary>
public enum ServedModelKind
{
    /// <summary>A chat model: a keyed <c>IChatClient</c>.</summary>
    Chat,

    /// <summary>An embedding model: a keyed <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>.</summary>
    Embedding,

    /// <summary>An agent recipe, run through <c>/v1/agents/{recipe}/runs</c>.</summary>
    Agent,
}
