using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Agents.Tools;

/// <summary>
/// Base of the standard tools: an <see cref="AIFunction"/> with a fixed name, a description written for
/// small models, a JSON schema built from <see cref="ToolParameter"/>s, and lenient argument reading
/// (numbers given as strings, a single argument under another name). Failures the model can act on are
/// thrown as <see cref="ToolException"/>.
/// </summary>
public abstract class ToolFunction : AIFunction
{
    private readonly JsonElement _schema;

    /// <summary>Creates the tool.</summary>
    protected ToolFunction(string name, string description, IReadOnlyList<ToolParameter> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Description = description;
        Parameters = parameters;
        _schema = BuildSchema(parameters);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema => _schema;

    /// <summary>The tool's arguments.</summary>
    public IReadOnlyList<ToolParameter> Parameters { get; }

    /// <inheritdoc />
    protected sealed override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var args = new ToolArguments(Name, Parameters, arguments);
        return await InvokeToolAsync(args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the tool and returns the observation text for the model.</summary>
    protected abstract Task<string> InvokeToolAsync(ToolArguments arguments, CancellationToken cancellationToken);

    private static JsonElement BuildSchema(IReadOnlyList<ToolParameter> parameters)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var p in parameters)
        {
            properties[p.Name] = new JsonObject { ["type"] = p.JsonType, ["description"] = p.Description };
            if (p.Required)
            {
                required.Add(p.Name);
            }
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }
}
