using Agents.Models.Grammars;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>
/// Validates a GBNF grammar before it reaches llama.cpp (an invalid grammar crashes the process there);
/// token references such as <c>&lt;|im_end|&gt;</c> are checked against the model's vocabulary.
/// </summary>
internal static class GrammarCheck
{
    /// <exception cref="GrammarException">The grammar is invalid (with line and column).</exception>
    public static void Validate(SafeLlamaModelHandle model, string gbnf)
    {
        ArgumentNullException.ThrowIfNull(gbnf);
        GbnfValidator.Validate(gbnf, "root", text => model.Tokenize(text, false, true, System.Text.Encoding.UTF8).Length == 1);
    }
}
