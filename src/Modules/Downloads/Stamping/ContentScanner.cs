namespace Storefront.Downloads.Stamping;

/// <summary>
/// A forward-only tokenizer for content streams that yields the operators that matter for balancing
/// and steps over everything else: strings (nested, escaped), hex strings, names, comments, arrays,
/// dictionaries and inline image data (<c>BI … ID binary EI</c>), whose bytes must never be read as operators.
/// </summary>
internal ref struct ContentScanner(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public bool NextOperator(out string op)
    {
        while (_at < _data.Length)
        {
            var c = _data[_at];
            if (IsWhite(c) || c is (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)')' or (byte)'>')
            {
                _at++;
            }
            else if (c == '%')
            {
                while (_at < _data.Length && _data[_at] is not (byte)'\n' and not (byte)'\r')
                {
                    _at++;
                }
            }
            else if (c == '(')
            {
                SkipString();
            }
            else if (c == '<')
            {
                SkipAngle();
            }
            else if (c == '/')
            {
                _at++;
                SkipRegular();
            }
            else
            {
                var start = _at;
                SkipRegular();
                var token = _data[start.._at];
                if (token.Length == 0)
                {
                    _at++;
                    continue;
                }
                if (token.SequenceEqual("ID"u8))
                {
                    SkipInlineImageData();
                    continue;
                }
                if (IsInteresting(token))
                {
                    op = System.Text.Encoding.ASCII.GetString(token);
                    return true;
                }
            }
        }
        op = "";
        return false;
    }

    private static bool IsInteresting(ReadOnlySpan<byte> t) =>
        t.SequenceEqual("q"u8) || t.SequenceEqual("Q"u8) || t.SequenceEqual("BT"u8) || t.SequenceEqual("ET"u8)
        || t.SequenceEqual("BMC"u8) || t.SequenceEqual("BDC"u8) || t.SequenceEqual("EMC"u8);

    private void SkipString()
    {
        var depth = 0;
        while (_at < _data.Length)
        {
            var c = _data[_at++];
            if (c == '\\')
            {
                _at++;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return;
            }
        }
    }

    private void SkipAngle()
    {
        if (_at + 1 < _data.Length && _data[_at + 1] == '<')
        {
            _at += 2;
            return;
        }
        var end = _data[_at..].IndexOf((byte)'>');
        _at = end < 0 ? _data.Length : _at + end + 1;
    }

    private void SkipRegular()
    {
        while (_at < _data.Length && !IsWhite(_data[_at]) && !IsDelimiter(_data[_at]))
        {
            _at++;
        }
    }

    /// <summary>Inline image bytes end at an <c>EI</c> with white space before it and white space or the end after it.</summary>
    private void SkipInlineImageData()
    {
        _at++;
        while (_at + 1 < _data.Length)
        {
            if (_data[_at] == 'E' && _data[_at + 1] == 'I' && IsWhite(_data[_at - 1])
                && (_at + 2 == _data.Length || IsWhite(_data[_at + 2]) || IsDelimiter(_data[_at + 2])))
            {
                _at += 2;
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
