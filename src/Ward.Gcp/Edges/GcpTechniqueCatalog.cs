using System.Collections.Frozen;

namespace Ward.Gcp.Edges;

/// <summary>Every Google Cloud escalation technique Ward checks, by id (a test keeps it in step with <see cref="GcpEdgeCheckers.All"/>).</summary>
public static class GcpTechniqueCatalog
{
    private const string Rhino = "https://rhinosecuritylabs.com/gcp/privilege-escalation-google-cloud-platform-part-1/";
    private const string ServiceAccountBestPractices = "https://cloud.google.com/iam/docs/best-practices-service-accounts";
    private const string AttachServiceAccounts = "https://cloud.google.com/iam/docs/attach-service-accounts";

    private const string NarrowImpersonation =
        "Grant Service Account Token Creator (and other roles that can act as an account) on the one service account that needs it, not on its project, folder or organization; never to a principal less trusted than the account. Re-run the scan to confirm no other path remains.";

    private const string NarrowActAs =
        "Grant Service Account User (iam.serviceAccounts.actAs) on the one service account a deployer needs, not on the project; keep privileged service accounts in projects where no one else can deploy, and do not give default service accounts Editor. Re-run the scan to confirm no other path remains.";

    public static FrozenDictionary<string, GcpTechnique> All { get; } = new GcpTechnique[]
    {
        new(
            "gcp-set-iam-policy",
            "setIamPolicy on an organization, folder or project",
            "Changing the allow policy of an organization, folder or project lets the principal grant itself any role there: it is owner-equivalent of that container and everything below it.",
            ["resourcemanager.organizations.setIamPolicy", "resourcemanager.folders.setIamPolicy", "resourcemanager.projects.setIamPolicy"],
            "Keep the roles that include setIamPolicy on containers (Owner, Organization Administrator, Folder Admin, Project IAM Admin, Security Admin) to a few administrators; when a condition must limit them, make it one the grant cannot outlive (an expiry).",
            ["https://cloud.google.com/iam/docs/resource-hierarchy-access-control", "https://cloud.google.com/resource-manager/docs/access-control-proj"]),
        new(
            "gcp-custom-role-update",
            "iam.roles.update on a custom role one holds",
            "A principal bound to a custom role that it may also update adds setIamPolicy (or anything else) to the role, and so becomes owner-equivalent wherever the role is bound.",
            ["iam.roles.update"],
            "Do not let the holders of a custom role update it: grant Role Administrator (iam.roles.update) only to administrators, and bind custom roles to others.",
            ["https://cloud.google.com/iam/docs/creating-custom-roles", Rhino]),
        new(
            "gcp-sa-set-iam-policy",
            "setIamPolicy on a service account",
            "Changing a service account's allow policy lets the principal grant itself Service Account Token Creator on it and impersonate it.",
            ["iam.serviceAccounts.setIamPolicy"],
            "Grant Service Account Admin (and other roles with iam.serviceAccounts.setIamPolicy) only to administrators, on the accounts they manage; never on privileged service accounts to less privileged principals.",
            ["https://cloud.google.com/iam/docs/manage-access-service-accounts", ServiceAccountBestPractices]),
        new(
            "gcp-group-member",
            "Member of a Google group",
            "A member of a Google group (directly; nested groups are members too) holds every role the group is granted. Read from the exported Cloud Identity memberships.",
            [],
            "Review who is in groups that hold privileged roles, and who may add members to them (group owners and managers, Groups Administrators in Google Workspace); prefer narrow groups for privileged roles.",
            ["https://cloud.google.com/iam/docs/groups-in-cloud-console", "https://cloud.google.com/identity/docs/how-to/memberships-google-groups"]),
        new(
            "gcp-sa-get-access-token",
            "Create an access token for a service account",
            "iam.serviceAccounts.getAccessToken issues an OAuth 2.0 access token of the service account: the principal calls every Google Cloud API as the account.",
            ["iam.serviceAccounts.getAccessToken"],
            NarrowImpersonation,
            ["https://cloud.google.com/iam/docs/create-short-lived-credentials-direct", "https://cloud.google.com/iam/docs/service-account-impersonation"]),
        new(
            "gcp-sa-sign-blob",
            "Sign arbitrary bytes as a service account",
            "iam.serviceAccounts.signBlob signs with the account's Google-managed key: a self-signed JWT assertion, exchanged for an access token, makes the principal the account.",
            ["iam.serviceAccounts.signBlob"],
            NarrowImpersonation,
            ["https://cloud.google.com/iam/docs/create-short-lived-credentials-direct", Rhino]),
        new(
            "gcp-sa-sign-jwt",
            "Sign a JWT as a service account",
            "iam.serviceAccounts.signJwt signs a JWT with the account's Google-managed key: a self-signed JWT is accepted by Google APIs as the account.",
            ["iam.serviceAccounts.signJwt"],
            NarrowImpersonation,
            ["https://cloud.google.com/iam/docs/create-short-lived-credentials-direct", Rhino]),
        new(
            "gcp-sa-implicit-delegation",
            "Delegate through a service account that can impersonate another",
            "iam.serviceAccounts.implicitDelegation on an intermediate service account lets the principal name it as a delegate: the credentials API then issues tokens of every account the intermediate may get tokens for.",
            ["iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.getAccessToken"],
            NarrowImpersonation,
            ["https://cloud.google.com/iam/docs/create-short-lived-credentials-delegated", Rhino]),
        new(
            "gcp-sa-key-create",
            "Create a key for a service account",
            "iam.serviceAccountKeys.create makes a user-managed key of the account and hands its private part to the caller: a long-lived credential of the account.",
            ["iam.serviceAccountKeys.create"],
            "Enforce the organization policy constraint iam.disableServiceAccountKeyCreation where keys are not needed, and grant Service Account Key Admin only on the accounts whose keys a principal must manage.",
            ["https://cloud.google.com/iam/docs/keys-create-delete", ServiceAccountBestPractices]),
        new(
            "gcp-compute-instance",
            "Run a VM as a service account",
            "With iam.serviceAccounts.actAs on the account and the permissions to create a VM in its project, the principal starts an instance that runs as the account (a startup script reads its token from the metadata server).",
            ["iam.serviceAccounts.actAs", "compute.instances.create", "compute.disks.create", "compute.instances.setMetadata", "compute.instances.setServiceAccount", "compute.subnetworks.use"],
            NarrowActAs,
            ["https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances", AttachServiceAccounts, Rhino]),
        new(
            "gcp-cloud-function",
            "Deploy a Cloud Function as a service account",
            "With iam.serviceAccounts.actAs on the account and the permissions to create (or update) a function with its source in the account's project, the principal deploys code that runs as the account.",
            ["iam.serviceAccounts.actAs", "cloudfunctions.functions.create", "cloudfunctions.functions.update", "cloudfunctions.functions.sourceCodeSet"],
            NarrowActAs,
            ["https://cloud.google.com/functions/docs/securing/function-identity", AttachServiceAccounts, Rhino]),
        new(
            "gcp-cloud-run",
            "Deploy a Cloud Run service as a service account",
            "With iam.serviceAccounts.actAs on the account and run.services.create (or update) in its project, the principal deploys a container that runs as the account.",
            ["iam.serviceAccounts.actAs", "run.services.create", "run.services.update"],
            NarrowActAs,
            ["https://cloud.google.com/run/docs/securing/service-identity", AttachServiceAccounts]),
        new(
            "gcp-cloud-build",
            "Run a Cloud Build as a service account",
            "cloudbuild.builds.create runs build steps as a service account: one named in the build (with iam.serviceAccounts.actAs on it), or the project's legacy Cloud Build service account (PROJECT_NUMBER@cloudbuild.gserviceaccount.com) without any.",
            ["cloudbuild.builds.create", "iam.serviceAccounts.actAs"],
            "Grant cloudbuild.builds.create only to those who may act as the build's service account; give the legacy Cloud Build service account no role beyond what builds need, or switch builds to a user-specified service account.",
            ["https://cloud.google.com/build/docs/cloud-build-service-account", "https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts", Rhino]),
        new(
            "gcp-cloud-scheduler",
            "Schedule a job that calls Google APIs as a service account",
            "With iam.serviceAccounts.actAs on the account and cloudscheduler.jobs.create in its project, the principal creates an HTTP job with an OAuth token of the account that calls any Google API.",
            ["iam.serviceAccounts.actAs", "cloudscheduler.jobs.create"],
            NarrowActAs,
            ["https://cloud.google.com/scheduler/docs/http-target-auth", AttachServiceAccounts]),
    }.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);

    public static GcpTechnique Get(string id) =>
        All.TryGetValue(id, out var technique) ? technique : throw new InvalidOperationException($"technique `{id}` is not in the catalogue");
}
