using System.Numerics;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>
/// The side of a line a point lies on, decided exactly: in doubles when the result is clearly away
/// from zero (Shewchuk's error bound, generously widened), otherwise in integers after scaling
/// every coordinate by the same power of two (doubles are dyadic rationals, so nothing is lost).
/// </summary>
public static class ExactOrientation
{
    /// <summary>+1 if c lies left of the line a→b, −1 if right, 0 if exactly on it.</summary>
    public static int Sign(double ax, double ay, double bx, double by, double cx, double cy)
    {
        var left = (bx - ax) * (cy - ay);
        var right = (by - ay) * (cx - ax);
        var determinant = left - right;
        if (Math.Abs(determinant) > 1e-14 * (Math.Abs(left) + Math.Abs(right)))
        {
            return Math.Sign(determinant);
        }

        var values = new[] { ax, ay, bx, by, cx, cy }.Select(Decompose).ToArray();
        var exponent = values.Where(v => !v.Mantissa.IsZero).Select(v => v.Exponent).DefaultIfEmpty(0).Min();
        var scaled = values.Select(v => v.Mantissa << (v.Mantissa.IsZero ? 0 : v.Exponent - exponent)).ToArray();
        var exact = ((scaled[2] - scaled[0]) * (scaled[5] - scaled[1])) - ((scaled[3] - scaled[1]) * (scaled[4] - scaled[0]));
        return exact.Sign;
    }

    /// <summary>A finite double as mantissa × 2^exponent.</summary>
    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & ((1L << 52) - 1);
        if (biased == 0 && fraction == 0)
        {
            return (BigInteger.Zero, 0);
        }

        var mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        var exponent = (biased == 0 ? 1 : biased) - 1075;
        return (negative ? -mantissa : mantissa, exponent);
    }
}
