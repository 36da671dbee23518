using System.Text;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>
/// Turns tokens into text one at a time. Token pieces are bytes; a multi-byte UTF-8 character can be split
/// across tokens, so bytes of an incomplete character are held back until the rest arrives.
/// </summary>
internal sealed class TokenTextDecoder
{
    private readonly SafeLlamaModelHandle model;
    private readonly Decoder decoder = new UTF8Encoding(false, false).GetDecoder();
    private byte[] bytes = new byte[64];
    private char[] chars = new char[64];

    public TokenTextDecoder(SafeLlamaModelHandle model) => this.model = model;

    /// <summary>Appends one token; returns the complete characters it finishes (may be empty).</summary>
    public string Append(LLamaToken token)
    {
        var length = (int)model.TokenToSpan(token, bytes);
        if (length > bytes.Length)
        {
            bytes = new byte[length * 2];
            length = (int)model.TokenToSpan(token, bytes);
        }

        return AppendBytes(bytes.AsSpan(0, length), flush: false);
    }

    /// <summary>The text of a control token such as <c>&lt;|im_end|&gt;</c> (control tokens are not shown in the stream).</summary>
    public string ControlText(LLamaToken token)
    {
        var length = (int)model.TokenToSpan(token, bytes, 0, special: true);
        if (length > bytes.Length)
        {
            bytes = new byte[length * 2];
            length = (int)model.TokenToSpan(token, bytes, 0, special: true);
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    /// <summary>Appends raw UTF-8 bytes (also used by tests to split characters at every byte).</summary>
    public string AppendBytes(ReadOnlySpan<byte> data, bool flush)
    {
        var needed = decoder.GetCharCount(data, flush: false) + 4;
        if (needed > chars.Length)
        {
            chars = new char[needed * 2];
        }

        var count = decoder.GetChars(data, chars, flush);
        return count == 0 ? string.Empty : new string(chars, 0, count);
    }

    /// <summary>Ends the stream: bytes of an unfinished character become U+FFFD.</summary>
    public string Flush() => AppendBytes(ReadOnlySpan<byte>.Empty, flush: true);
}
