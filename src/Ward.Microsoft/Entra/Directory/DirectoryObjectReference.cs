namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A directory object named by a relation (a member, an owner): its object id and the kind its <c>@odata.type</c>
/// gave. The object itself may be missing from the export; <see cref="EntraDirectory.KindOf"/> says whether it is there.
/// </summary>
public readonly record struct DirectoryObjectReference(string Id, DirectoryObjectKind Kind)
{
    public override string ToString() => $"{Kind} {Id}";
}
