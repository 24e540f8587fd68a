using System.Buffers;
using System.Runtime.CompilerServices;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// A forward-only tokenizer for content streams. It yields each operator with the number of operands
/// before it, and steps over everything else: strings (nested, escaped), hex strings, names, comments,
/// arrays and dictionaries (one operand each) and inline image data (<c>BI … ID binary EI</c>), whose
/// bytes must never be read as operators.
/// </summary>
internal ref struct ContentScanner(ReadOnlySpan<byte> data)
{
    private const byte Regular = 0;
    private const byte White = 1;
    private const byte Delimiter = 2;

    // What each byte is to the lexer (PDF 32000 7.2.2): white space and delimiters end a regular token.
    private static ReadOnlySpan<byte> Classes =>
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x00: NUL TAB LF FF CR
        1, 0, 0, 0, 0, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, // 0x20: SP % ( ) / < >
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0, // 0x40: [ ]
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0, // 0x60: { }
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    // Bytes a number is made of: digits, sign and decimal point.
    private static ReadOnlySpan<byte> Numeric =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, // + - . 0-9
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    // Inside an array or dictionary only the bytes that open or close something matter.
    private static readonly SearchValues<byte> CompositeSpecial = SearchValues.Create("()[]<>%"u8);

    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;
    private int _operands;

    /// <summary>
    /// Set when the content ends inside a string, array or dictionary: readers lex the streams of a
    /// page as one, so anything appended after it (the footer) would be swallowed.
    /// </summary>
    public bool EndsUnterminated => _unterminated;

    private bool _unterminated;

    // Every page's whole content goes through here: optimise at once rather than after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool NextOperator(out ReadOnlySpan<byte> op, out int operands)
    {
        var data = _data;
        var at = _at;
        while (at < data.Length)
        {
            var c = data[at];
            switch (Classes[c])
            {
                case White:
                    at++;
                    continue;
                case Regular:
                    // Most tokens are short numbers: a scalar walk beats a vectorised search at this length.
                    var start = at;
                    var numeric = true;
                    do
                    {
                        numeric &= Numeric[c] != 0;
                        if (++at == data.Length)
                        {
                            break;
                        }
                        c = data[at];
                    }
                    while (Classes[c] == Regular);
                    var token = data[start..at];
                    if (numeric || token.SequenceEqual("true"u8) || token.SequenceEqual("false"u8) || token.SequenceEqual("null"u8))
                    {
                        _operands++;
                        continue;
                    }
                    _at = at;
                    if (token.SequenceEqual("ID"u8))
                    {
                        SkipInlineImageData();
                    }
                    op = token;
                    operands = _operands;
                    _operands = 0;
                    return true;
            }
            _at = at;
            if (c == '%')
            {
                SkipComment();
            }
            else if (c == '[' || (c == '<' && at + 1 < data.Length && data[at + 1] == '<'))
            {
                SkipComposite();
                _operands++;
            }
            else if (c == '(')
            {
                SkipString();
                _operands++;
            }
            else if (c == '<')
            {
                SkipHexString();
                _operands++;
            }
            else if (c == '/')
            {
                _at++;
                SkipRegular();
                _operands++;
            }
            else
            {
                // A stray ')', ']', '>', '{' or '}': junk that readers skip.
                _at++;
            }
            at = _at;
        }
        _at = at;
        op = default;
        operands = 0;
        return false;
    }

    /// <summary>
    /// Skips an array or dictionary, however nested, in jumps between the bytes that can open or close
    /// something: TJ arrays are most of a text page, and their numbers need no look.
    /// </summary>
    private void SkipComposite()
    {
        var depth = 0;
        while (true)
        {
            var next = _data[_at..].IndexOfAny(CompositeSpecial);
            if (next < 0)
            {
                _at = _data.Length;
                _unterminated = true;
                return;
            }
            _at += next;
            var c = _data[_at];
            var doubled = _at + 1 < _data.Length && _data[_at + 1] == c;
            switch (c)
            {
                case (byte)'(':
                    SkipString();
                    continue;
                case (byte)'%':
                    SkipComment();
                    continue;
                case (byte)'[':
                    depth++;
                    _at++;
                    break;
                case (byte)'<' when doubled:
                    depth++;
                    _at += 2;
                    break;
                case (byte)'<':
                    SkipHexString();
                    continue;
                case (byte)']':
                    depth--;
                    _at++;
                    break;
                case (byte)'>' when doubled:
                    depth--;
                    _at += 2;
                    break;
                default:
                    _at++;
                    continue;
            }
            if (depth == 0)
            {
                return;
            }
        }
    }

    private void SkipHexString()
    {
        var end = _data[_at..].IndexOf((byte)'>');
        _unterminated |= end < 0;
        _at = end < 0 ? _data.Length : _at + end + 1;
    }

    private void SkipComment()
    {
        var end = _data[_at..].IndexOfAny((byte)'\n', (byte)'\r');
        _at = end < 0 ? _data.Length : _at + end;
    }

    private void SkipString()
    {
        // Strings in content are short (a word or two of a TJ array): a scalar walk is the fastest.
        var data = _data;
        var at = _at;
        var depth = 0;
        while (at < data.Length)
        {
            var c = data[at++];
            if (c == '\\')
            {
                at++;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                _at = at;
                return;
            }
        }
        _at = data.Length;
        _unterminated = true;
    }

    private void SkipRegular()
    {
        var at = _at;
        while (at < _data.Length && Classes[_data[at]] == Regular)
        {
            at++;
        }
        _at = at;
    }

    /// <summary>Inline image bytes end at an <c>EI</c> with white space before it and white space or the end after it.</summary>
    private void SkipInlineImageData()
    {
        _at++;
        while (_at + 1 < _data.Length)
        {
            var next = _data[_at..].IndexOf("EI"u8);
            if (next < 0)
            {
                break;
            }
            _at += next;
            if (IsWhite(_data[_at - 1]) && (_at + 2 == _data.Length || IsWhite(_data[_at + 2]) || IsDelimiter(_data[_at + 2])))
            {
                return;
            }
            _at++;
        }
        _at = _data.Length;
    }

    private static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte c) =>
        c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}
