namespace Storefront.Downloads.Stamping;

/// <summary>The operand counts content-stream operators require (PDF 32000 Annex A), keyed without allocating.</summary>
internal static class OperatorArity
{
    // Pack(op): the length, then each byte, shifted in from the right.
    public const int SaveKey = (1 << 8) | 'q';
    public const int RestoreKey = (1 << 8) | 'Q';
    public const int BeginTextKey = (((2 << 8) | 'B') << 8) | 'T';
    public const int EndTextKey = (((2 << 8) | 'E') << 8) | 'T';
    public const int BeginMarkedKey = (((((3 << 8) | 'B') << 8) | 'M') << 8) | 'C';
    public const int BeginMarkedPropertiesKey = (((((3 << 8) | 'B') << 8) | 'D') << 8) | 'C';
    public const int EndMarkedKey = (((((3 << 8) | 'E') << 8) | 'M') << 8) | 'C';

    /// <summary>Operators are at most three bytes; longer tokens are unknown operators and get key 0.</summary>
    public static int Key(ReadOnlySpan<byte> op) => op.Length is > 0 and <= 3 ? Pack(op) : 0;

    /// <summary>
    /// Required operands; 0 for unknown operators and those taking a variable number. A switch over the
    /// packed keys (written as hex, one line per operand count) compiles to a jump tree: it runs once per
    /// operator of every page, where a dictionary lookup cost measurably more.
    /// </summary>
    public static int Required(int key) => key switch
    {
        // BMC CS cs Do G g gs i j J M MP ri sh Tc TL Tr Ts Tw Tz w Tj TJ '
        0x3424D43 or 0x24353 or 0x26373 or 0x2446F or 0x147 or 0x167 or 0x26773 or 0x169 or 0x16A or 0x14A or 0x14D or 0x24D50 or 0x27269 or 0x27368 or 0x25463 or 0x2544C or 0x25472 or 0x25473 or 0x25477 or 0x2547A or 0x177 or 0x2546A or 0x2544A or 0x127 => 1,
        // BDC d d0 DP l m Td TD Tf
        0x3424443 or 0x164 or 0x26430 or 0x24450 or 0x16C or 0x16D or 0x25464 or 0x25444 or 0x25466 => 2,
        // RG rg "
        0x25247 or 0x27267 or 0x122 => 3,
        // K k re v y
        0x14B or 0x16B or 0x27265 or 0x176 or 0x179 => 4,
        // c cm d1 Tm
        0x163 or 0x2636D or 0x26431 or 0x2546D => 6,
        _ => 0,
    };

    internal static int Pack(ReadOnlySpan<byte> op)
    {
        var key = op.Length;
        foreach (var b in op)
        {
            key = (key << 8) | b;
        }
        return key;
    }
}
