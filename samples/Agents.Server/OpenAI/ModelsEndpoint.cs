using System.Text.Json;
using Agents.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.OpenAI;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>. Each entry also says what it is (<c>agents_kind</c>:
/// chat, embedding or agent) so the page can build its picker.</summary>
public static class ModelsEndpoint
{
    private static readonly long Started = ChatJson.Now();

    /// <summary>Lists every served name.</summary>
    public static async Task ListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var models = context.RequestServices.GetRequiredService<ModelRegistry>().Models;
        var json = ChatJson.Write(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var model in models)
            {
                w.WriteStartObject();
                WriteModel(w, model);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Describes one served name, or 404.</summary>
    public static async Task GetAsync(HttpContext context, string id)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.RequestServices.GetRequiredService<ModelRegistry>().Models.FirstOrDefault(m => m.Id == id);
        if (model is null)
        {
            await OpenAIErrors.WriteAsync(context, 404, $"The model '{id}' does not exist.", "invalid_request_error", "model_not_found", "model").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(ChatJson.Write(w => WriteModel(w, model)), context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteModel(Utf8JsonWriter w, ServedModel model)
    {
        w.WriteString("id", model.Id);
        w.WriteString("object", "model");
        w.WriteNumber("created", Started);
        w.WriteString("owned_by", "agents");
        w.WriteString("agents_kind", model.Kind.ToString().ToLowerInvariant());
        if (model.Description is not null)
        {
            w.WriteString("description", model.Description);
        }
    }
}
