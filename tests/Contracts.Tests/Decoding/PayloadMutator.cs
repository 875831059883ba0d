namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// Mutates a payload the way a fuzzer does: flips, inserts and deletes bytes, splices in
/// <see cref="HostileFragments"/>, copies a run elsewhere (duplicate keys, extra readings), repeats
/// one, truncates, prepends a BOM, wraps the whole in brackets. Deterministic for a given
/// <see cref="Random"/>, so a failing case is replayed from FsCheck's seed.
/// </summary>
public static class PayloadMutator
{
    public static byte[] Mutate(byte[] payload, Random random, int mutations)
    {
        var bytes = new List<byte>(payload);
        for (var i = 0; i < mutations; i++)
        {
            MutateOnce(bytes, random);
        }

        return [.. bytes];
    }

    private static void MutateOnce(List<byte> bytes, Random random)
    {
        var at = random.Next(bytes.Count + 1);
        var run = Math.Min(random.Next(1, 24), bytes.Count - at);
        switch (random.Next(10))
        {
            case 0 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when at < bytes.Count:
                bytes[at] = (byte)random.Next(256);
                break;
            case 2:
                bytes.Insert(at, (byte)random.Next(256));
                break;
            case 3 when run > 0:
                bytes.RemoveRange(at, run);
                break;
            case 4 when run > 0:
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, run));
                break;
            case 5 when run > 0:
                var copy = bytes.GetRange(at, run);
                bytes.InsertRange(at, Enumerable.Repeat(copy, random.Next(2, 3_000)).SelectMany(b => b));

                break;
            case 6:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 7:
                bytes.InsertRange(0, [0xEF, 0xBB, 0xBF]);
                break;
            case 8:
                var depth = random.Next(1, 40);
                bytes.InsertRange(0, Enumerable.Repeat((byte)'[', depth));
                bytes.AddRange(Enumerable.Repeat((byte)']', depth));
                break;
            default:
                if (run > 0 && random.Next(2) == 0)
                {
                    bytes.RemoveRange(at, run);
                }

                bytes.InsertRange(at, HostileFragments.Pick(random));
                break;
        }
    }
}
