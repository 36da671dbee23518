namespace Agents.Server.Hosting;

/// <summary>A name the server answers to, listed by <c>GET /v1/models</c>.</summary>
/// <param name="Id">The name clients pass as <c>model</c> (also the DI key of its service).</param>
/// <param name="Kind">Chat model, embedding model or agent recipe.</param>
/// <param name="Description">Optional human text for the page's picker.</param>
public sealed record ServedModel(string Id, ServedModelKind Kind, string? Description = null);
