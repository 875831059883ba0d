using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.Grains.DigitalTwins;

namespace UrbanTwin.Grains.Tests.DigitalTwins;

/// <summary>What a graph shard tells a node that follows it: the whole shard, or each key changed since the node's cursor, as it is now.</summary>
public sealed class GraphChangeFeedTests
{
    private readonly Dictionary<string, GraphEntry> _entries = new(StringComparer.Ordinal);

    [Fact]
    public void A_node_without_a_cursor_or_with_one_of_another_activation_gets_the_whole_shard()
    {
        Put("a", "b");
        var feed = new GraphChangeFeed(lastRow: 7);
        var stranger = new GraphChangeFeed(lastRow: 7).Since(null, _entries, 7).Cursor;

        var first = feed.Since(null, _entries, 7);
        var foreign = feed.Since(stranger, _entries, 7);
        var caughtUp = feed.Since(first.Cursor, _entries, 7);

        Assert.True(first.Whole);
        Assert.Equal(["a", "b"], first.Entries.Select(e => e.Key).Order());
        Assert.Equal(7, first.Cursor.Through);
        Assert.True(foreign.Whole);
        Assert.False(caughtUp.Whole);
        Assert.Empty(caughtUp.Entries);
        Assert.Empty(caughtUp.Removed);
    }

    [Fact]
    public void Keys_stored_after_the_cursor_come_once_each_as_they_are_now_and_removed_keys_as_removals()
    {
        Put("a", "b", "c");
        var feed = new GraphChangeFeed(lastRow: 0);
        var cursor = feed.Since(null, _entries, 0).Cursor;
        feed.Stored(Keys("a", "b"), row: 1);
        var upToOne = feed.Since(cursor, _entries, 1).Cursor;
        Put("a");
        _entries.Remove("b");
        feed.Stored(Keys("a", "b"), row: 2);

        var sinceStart = feed.Since(cursor, _entries, 2);
        var sinceOne = feed.Since(upToOne, _entries, 2);

        Assert.False(sinceStart.Whole);
        Assert.Equal(["a"], sinceStart.Entries.Select(e => e.Key));
        Assert.Same(_entries["a"], sinceStart.Entries[0]);
        Assert.Equal(["b"], sinceStart.Removed);
        Assert.Equal(2, sinceStart.Cursor.Through);
        Assert.Equal(["a"], sinceOne.Entries.Select(e => e.Key));
        Assert.Equal(2, feed.RowOf("a"));
        Assert.Equal(0, feed.RowOf("c"));
    }

    [Fact]
    public void A_cursor_older_than_the_changes_kept_gets_the_whole_shard()
    {
        var feed = new GraphChangeFeed(lastRow: 0);
        var cursor = feed.Since(null, _entries, 0).Cursor;
        var row = 0L;
        while (feed.Since(cursor, _entries, row) is { Whole: false })
        {
            row++;
            Put($"k{row}");
            feed.Stored(Keys($"k{row}"), row);
            Assert.True(row <= GraphChangeFeed.Capacity + 1, "the feed kept more than its capacity");
        }

        Assert.Equal(GraphChangeFeed.Capacity + 1, row);
        Assert.Equal(row, feed.Since(cursor, _entries, row).Entries.Count);
    }

    [Fact]
    public void Keys_of_a_row_that_failed_wait_for_the_next()
    {
        var feed = new GraphChangeFeed(lastRow: 3);
        feed.Noted("a");
        var taken = feed.Take();
        feed.Noted("b");
        feed.Failed(taken);

        Assert.Equal(["a", "b"], feed.Take().Order());
        Assert.Empty(feed.Take());
    }

    private void Put(params string[] keys)
    {
        foreach (var key in keys)
        {
            _entries[key] = new GraphEntry(key, Guid.NewGuid().ToString("N"), key, null, null, null, "{}", null);
        }
    }

    private static HashSet<string> Keys(params string[] keys) => new(keys, StringComparer.Ordinal);
}
