using System.Collections.Frozen;

namespace Ward.Gcp.Iam;

/// <summary>
/// What Ward knows of the basic roles (<c>roles/owner</c>, <c>roles/editor</c>, <c>roles/viewer</c>) by their name
/// alone, for a roles export that lists them without their permissions (<c>gcloud iam roles list</c>) or not at all
/// (docs/gcp/evaluation.md#roles). Google documents them as concentric: Viewer reads, Editor is Viewer plus changing
/// state, Owner is Editor plus managing the roles and permissions of a project and everything in it. Ward does not
/// hold their thousands of permissions: it knows only a few it can answer for, those the escalation techniques
/// ask about, either way. Any other permission stays unknown, as for an undescribed role. An export that describes
/// a basic role (<c>gcloud iam roles describe</c>) is used instead, as it is for every role.
/// </summary>
public static class BasicRoles
{
    public const string Owner = "roles/owner";
    public const string Editor = "roles/editor";
    public const string Viewer = "roles/viewer";

    private const string ViewerReads = "Viewer reads resources";
    private const string EditorChanges = "Editor, and Owner which holds all of it, creates and changes the resources of most services and acts as service accounts to do so";
    private const string OwnerManages = "Owner manages the roles and permissions of a project and of everything in it";
    private const string NoneImpersonates = "no basic role holds the Service Account Token Creator's permissions or changes organization policies";
    private const string EditorManagesNothing = "Editor changes resources but not who has access to them: it sets no allow policy and manages no custom role (only Owner does)";
    private const string ViewerChangesNothing = "Viewer's permissions are read-only: it creates, changes and acts as nothing";

    /// <summary>Included from Viewer up.</summary>
    private static readonly FrozenSet<string> ViewerIncludes = FrozenSet.Create(StringComparer.Ordinal, "resourcemanager.projects.get");

    /// <summary>Included from Editor up: the state changes the escalation techniques need.</summary>
    private static readonly FrozenSet<string> EditorIncludes = FrozenSet.Create(
        StringComparer.Ordinal,
        "iam.serviceAccounts.actAs",
        "iam.serviceAccountKeys.create",
        "compute.instances.create",
        "compute.instances.setMetadata",
        "compute.instances.setServiceAccount",
        "compute.projects.setCommonInstanceMetadata",
        "compute.disks.create",
        "compute.subnetworks.use",
        "cloudfunctions.functions.create",
        "cloudfunctions.functions.update",
        "cloudfunctions.functions.sourceCodeSet",
        "run.services.create",
        "run.services.update",
        "run.jobs.create",
        "run.jobs.update",
        "run.jobs.run",
        "cloudbuild.builds.create",
        "deploymentmanager.deployments.create",
        "dataflow.jobs.create",
        "dataproc.clusters.create",
        "dataproc.jobs.create",
        "composer.environments.create",
        "cloudscheduler.jobs.create",
        "storage.objects.create");

    /// <summary>Not in Viewer, though Ward does not answer for Editor: other changes the escalation techniques need.</summary>
    private static readonly FrozenSet<string> ViewerExcludes = FrozenSet.Create(
        StringComparer.Ordinal,
        "compute.instances.osAdminLogin",
        "container.pods.create",
        "container.serviceAccounts.create",
        "appengine.applications.create",
        "appengine.versions.create",
        "workflows.workflows.create",
        "workflows.workflows.update",
        "workflows.executions.create",
        "aiplatform.customJobs.create",
        "notebooks.instances.create",
        "iam.workloadIdentityPoolProviders.create",
        "iam.workloadIdentityPoolProviders.update",
        "resourcemanager.tagValueBindings.create",
        "resourcemanager.tagValueBindings.delete",
        "resourcemanager.hierarchyNodes.createTagBinding",
        "resourcemanager.hierarchyNodes.deleteTagBinding");

    /// <summary>Included in Owner only.</summary>
    private static readonly FrozenSet<string> OwnerIncludes = FrozenSet.Create(
        StringComparer.Ordinal,
        "resourcemanager.projects.setIamPolicy",
        "resourcemanager.projects.getIamPolicy",
        "iam.serviceAccounts.setIamPolicy",
        "iam.roles.create",
        "iam.roles.update",
        "iam.roles.delete",
        "iam.roles.undelete");

    /// <summary>Included in none of the three.</summary>
    private static readonly FrozenSet<string> NoneIncludes = FrozenSet.Create(
        StringComparer.Ordinal,
        "iam.serviceAccounts.getAccessToken",
        "iam.serviceAccounts.getOpenIdToken",
        "iam.serviceAccounts.signBlob",
        "iam.serviceAccounts.signJwt",
        "iam.serviceAccounts.implicitDelegation",
        "orgpolicy.policy.set");

    /// <summary>Whether the role is one of the three basic roles.</summary>
    public static bool IsBasic(string role) => Rank(role) > 0;

    /// <summary>
    /// Whether the basic role includes the permission, and why, as far as its name decides it; null when it does not
    /// (the role is not basic, or the permission is one Ward does not know the role by).
    /// </summary>
    public static BasicRoleAnswer? Decide(string role, string permission)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(permission);
        var rank = Rank(role);
        if (rank == 0)
        {
            return null;
        }

        if (NoneIncludes.Contains(permission))
        {
            return new BasicRoleAnswer(false, NoneImpersonates);
        }

        if (ViewerIncludes.Contains(permission))
        {
            return new BasicRoleAnswer(true, ViewerReads);
        }

        if (EditorIncludes.Contains(permission))
        {
            return rank >= 2 ? new BasicRoleAnswer(true, EditorChanges) : new BasicRoleAnswer(false, ViewerChangesNothing);
        }

        if (ViewerExcludes.Contains(permission))
        {
            return rank == 1 ? new BasicRoleAnswer(false, ViewerChangesNothing) : null;
        }

        if (OwnerIncludes.Contains(permission))
        {
            return rank == 3 ? new BasicRoleAnswer(true, OwnerManages)
                : rank == 2 ? new BasicRoleAnswer(false, EditorManagesNothing)
                : new BasicRoleAnswer(false, ViewerChangesNothing);
        }

        // Any allow policy (a bucket's, a secret's …): only Owner may set those Google lets a project's owners manage.
        if (permission.EndsWith(".setIamPolicy", StringComparison.Ordinal) && rank < 3)
        {
            return new BasicRoleAnswer(false, rank == 2 ? EditorManagesNothing : ViewerChangesNothing);
        }

        return null;
    }

    /// <summary>
    /// Whether a binding of the role may grant the permission: the described role includes it, or, undescribed (null)
    /// or described without its permissions, its name does not exclude it.
    /// </summary>
    public static bool MayInclude(Role? described, string role, string permission) =>
        described is { PermissionsKnown: true }
            ? described.IncludedPermissions.Contains(permission, StringComparer.Ordinal)
            : Decide(role, permission) is not { Includes: false };

    private static int Rank(string role) => role switch
    {
        Viewer => 1,
        Editor => 2,
        Owner => 3,
        _ => 0,
    };
}

/// <summary>What a basic role's name says of one permission.</summary>
/// <param name="Includes">Whether the role includes it.</param>
/// <param name="Why">What Google documents of the role that decides it.</param>
public sealed record BasicRoleAnswer(bool Includes, string Why);
