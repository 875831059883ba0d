namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// One row of a query as it is built: the twins and relationships bound to its aliases so far
/// (an <see cref="Graph.IndexedTwin"/> or <see cref="Graph.IndexedRelationship"/> each), newest
/// first. Extending a row shares the rest of it.
/// </summary>
public sealed record QueryBinding(string? Alias, object Entity, QueryBinding? Rest)
{
    public object? Find(string alias)
    {
        for (var binding = this; binding is not null; binding = binding.Rest)
        {
            if (binding.Alias == alias)
            {
                return binding.Entity;
            }
        }

        return null;
    }

    /// <summary>The first entity bound: the one a query without JOIN or MATCH reads.</summary>
    public object Root
    {
        get
        {
            var binding = this;
            while (binding.Rest is not null)
            {
                binding = binding.Rest;
            }

            return binding.Entity;
        }
    }
}
