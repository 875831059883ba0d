namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// The rules that concern Interfaces together: every Interface extended, every Component's
/// schema and every Relationship's target resolvable among them; <c>extends</c> without cycles and
/// at most <see cref="MaxExtendsDepth"/> deep; names unique across an Interface's contents
/// including those it inherits; a Component's Interface with no Components of its own. Resolves
/// each Interface (<see cref="ResolvedModel"/>) once all hold.
/// </summary>
public static class DtdlModelSet
{
    public const int MaxExtendsDepth = 10;

    /// <summary>Resolves <paramref name="interfaces"/>; problems are added to <paramref name="errors"/>, and then nothing is returned.</summary>
    public static Dictionary<string, ResolvedModel>? Resolve(IReadOnlyCollection<DtdlInterface> interfaces, List<string> errors)
    {
        var byId = new Dictionary<string, DtdlInterface>(StringComparer.Ordinal);
        foreach (var model in interfaces)
        {
            if (!byId.TryAdd(model.Id, model))
            {
                errors.Add($"{model.Id}: the id is given twice");
            }
        }

        var resolved = new Dictionary<string, ResolvedModel>(StringComparer.Ordinal);
        foreach (var model in byId.Values)
        {
            ResolveOne(model, byId, resolved, [], errors);
        }

        foreach (var model in resolved.Values)
        {
            CheckReferences(model, byId, resolved, errors);
        }

        return errors.Count == 0 ? resolved : null;
    }

    private static ResolvedModel? ResolveOne(DtdlInterface model, Dictionary<string, DtdlInterface> byId, Dictionary<string, ResolvedModel> resolved, List<string> path, List<string> errors)
    {
        if (resolved.TryGetValue(model.Id, out var done))
        {
            return done;
        }

        if (path.Contains(model.Id))
        {
            errors.Add($"{model.Id}: 'extends' makes a cycle ({string.Join(" → ", path)} → {model.Id})");
            return null;
        }

        if (path.Count >= MaxExtendsDepth)
        {
            errors.Add($"{path[0]}: 'extends' is deeper than {MaxExtendsDepth} levels");
            return null;
        }

        path.Add(model.Id);
        var contents = new Dictionary<string, DtdlContent>(StringComparer.Ordinal);
        var ancestry = new HashSet<string>(StringComparer.Ordinal) { model.Id };
        var complete = true;
        foreach (var parentId in model.Extends)
        {
            if (!byId.TryGetValue(parentId, out var parentModel))
            {
                errors.Add($"{model.Id}: extends '{parentId}', which is neither in this set nor stored");
                complete = false;
                continue;
            }

            if (ResolveOne(parentModel, byId, resolved, path, errors) is not { } parent)
            {
                complete = false;
                continue;
            }

            ancestry.UnionWith(parent.Ancestry);
            foreach (var (name, content) in parent.Contents)
            {
                if (contents.TryGetValue(name, out var other) && !ReferenceEquals(other, content))
                {
                    errors.Add($"{model.Id}: the name '{name}' comes from both {other.DeclaredIn} and {content.DeclaredIn}");
                }

                contents[name] = content;
            }
        }

        path.RemoveAt(path.Count - 1);
        foreach (var content in model.Contents)
        {
            if (contents.TryGetValue(content.Name, out var inherited))
            {
                errors.Add($"{model.Id}: the name '{content.Name}' is already declared by {inherited.DeclaredIn}, which it extends");
                complete = false;
            }

            contents[content.Name] = content;
        }

        if (!complete)
        {
            return null;
        }

        var result = new ResolvedModel(model, contents, ancestry);
        resolved[model.Id] = result;
        return result;
    }

    private static void CheckReferences(ResolvedModel model, Dictionary<string, DtdlInterface> byId, Dictionary<string, ResolvedModel> resolved, List<string> errors)
    {
        foreach (var content in model.Model.Contents)
        {
            if (content is { Kind: DtdlContentKind.Relationship, Target: { } target } && !byId.ContainsKey(target))
            {
                errors.Add($"{model.Id}: the Relationship '{content.Name}' targets '{target}', which is neither in this set nor stored");
            }

            if (content is { Kind: DtdlContentKind.Component, Schema: DtdlSchema.Interface component })
            {
                if (!resolved.TryGetValue(component.Id, out var schema))
                {
                    errors.Add($"{model.Id}: the Component '{content.Name}' is a '{component.Id}', which is neither in this set nor stored");
                }
                else if (schema.Contents.Values.Any(c => c.Kind == DtdlContentKind.Component))
                {
                    errors.Add($"{model.Id}: the Component '{content.Name}' is a '{component.Id}', which has Components of its own (not allowed)");
                }
            }
        }
    }
}
