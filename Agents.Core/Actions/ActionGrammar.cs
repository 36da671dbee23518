using System.Text;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;

namespace Agents.Core.Actions;

/// <summary>
/// Builds a GBNF grammar (llama.cpp's grammar format) that only admits well-formed actions for a tool list,
/// so a local model constrained by it always writes an action or a final answer the parser reads.
/// Pass the result as <c>ChatOptions.AdditionalProperties["grammar"]</c>.
/// </summary>
public static class ActionGrammar
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key the local engine reads a GBNF grammar from.</summary>
    public const string OptionsKey = "grammar";

    /// <summary>Builds the grammar for <paramref name="format"/> (Auto builds the ReAct one) and <paramref name="tools"/>.</summary>
    public static string Build(ActionFormat format, IReadOnlyList<AIFunction> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var sb = new StringBuilder();
        var names = tools.Select(t => Literal(t.Name)).ToList();
        var hasTools = names.Count > 0;
        switch (format)
        {
            case ActionFormat.Json:
                sb.Append("root ::= ").Append(hasTools ? "action | final" : "final").Append('\n');
                if (hasTools)
                {
                    sb.Append("action ::= \"{\" ws \"\\\"action\\\":\" ws \"\\\"\" tool \"\\\"\" ws \",\" ws \"\\\"action_input\\\":\" ws value ws \"}\"\n");
                    sb.Append("tool ::= ").Append(string.Join(" | ", names)).Append('\n');
                }

                sb.Append("final ::= \"{\" ws \"\\\"action\\\":\" ws \"\\\"Final Answer\\\"\" ws \",\" ws \"\\\"action_input\\\":\" ws string ws \"}\"\n");
                AppendJsonValue(sb);
                break;
            case ActionFormat.Xml:
                sb.Append("root ::= ").Append(hasTools ? "action | final" : "final").Append('\n');
                if (hasTools)
                {
                    sb.Append("action ::= \"<tool>\" tool \"</tool><tool_input>\" [^<]* \"</tool_input>\"\n");
                    sb.Append("tool ::= ").Append(string.Join(" | ", names)).Append('\n');
                }

                sb.Append("final ::= \"<final_answer>\" [^<]+ \"</final_answer>\"\n");
                break;
            case ActionFormat.Bracket:
                sb.Append("root ::= (\"Thought: \" line \"\\n\")? ").Append(hasTools ? "(action | final)" : "final").Append('\n');
                if (hasTools)
                {
                    sb.Append("action ::= \"Action: \" tool \"[\" [^\\]\\n]* \"]\"\n");
                    sb.Append("tool ::= ").Append(string.Join(" | ", names)).Append('\n');
                }

                sb.Append("final ::= \"Action: Finish[\" [^\\]\\n]+ \"]\"\n");
                sb.Append("line ::= [^\\n]+\n");
                break;
            default:
                sb.Append("root ::= \"Thought: \" line \"\\n\" ").Append(hasTools ? "(action | final)" : "final").Append('\n');
                if (hasTools)
                {
                    sb.Append("action ::= \"Action: \" tool \"\\nAction Input: \" line \"\\n\"\n");
                    sb.Append("tool ::= ").Append(string.Join(" | ", names)).Append('\n');
                }

                sb.Append("final ::= \"Final Answer: \" line (\"\\n\" line)*\n");
                sb.Append("line ::= [^\\n]+\n");
                break;
        }

        return sb.ToString();
    }

    private static void AppendJsonValue(StringBuilder sb)
    {
        sb.Append("value ::= object | array | string | number | (\"true\" | \"false\" | \"null\")\n");
        sb.Append("object ::= \"{\" ws (string ws \":\" ws value ws (\",\" ws string ws \":\" ws value ws)*)? \"}\"\n");
        sb.Append("array ::= \"[\" ws (value ws (\",\" ws value ws)*)? \"]\"\n");
        sb.Append("string ::= \"\\\"\" ([^\"\\\\\\x00-\\x1f] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F]))* \"\\\"\"\n");
        sb.Append("number ::= \"-\"? ([0-9] | [1-9] [0-9]*) (\".\" [0-9]+)? ([eE] [-+]? [0-9]+)?\n");
        sb.Append("ws ::= [ \\t\\n]*\n");
    }

    /// <summary>A GBNF string literal for <paramref name="text"/>.</summary>
    internal static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    internal static IReadOnlySet<string> NoInputTools(IReadOnlyList<AIFunction> tools) =>
        tools.Where(t => ToolBox.Parameters(t).Count == 0).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
