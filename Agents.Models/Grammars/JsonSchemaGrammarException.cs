namespace Agents.Models.Grammars;

/// <summary>
/// Thrown when a JSON Schema cannot be converted to a grammar: it is invalid or uses a keyword this converter
/// does not support. <see cref="JsonPath"/> says where in the schema.
/// </summary>
public class JsonSchemaGrammarException : ArgumentException
{
    /// <summary>Creates an exception.</summary>
    public JsonSchemaGrammarException()
        : this("Unsupported JSON schema.")
    {
    }

    /// <summary>Creates an exception with a message and no path.</summary>
    /// <param name="message">What is wrong.</param>
    public JsonSchemaGrammarException(string message)
        : this(message, "$")
    {
    }

    /// <summary>Creates an exception wrapping an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public JsonSchemaGrammarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        JsonPath = "$";
    }

    /// <summary>Creates an exception at a JSON path of the schema.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="jsonPath">Where in the schema, e.g. <c>$.properties.age.minimum</c>.</param>
    public JsonSchemaGrammarException(string reason, string jsonPath)
        : base($"{jsonPath}: {reason}")
    {
        Reason = reason;
        JsonPath = jsonPath;
    }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>The JSON path (<c>$</c>-rooted) of the offending schema node.</summary>
    public string JsonPath { get; } = "$";
}
