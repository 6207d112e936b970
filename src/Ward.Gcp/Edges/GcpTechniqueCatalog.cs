using System.Collections.Frozen;

namespace Ward.Gcp.Edges;

/// <summary>Every Google Cloud escalation technique Ward checks, by id (a test keeps it in step with <see cref="GcpEdgeCheckers.All"/>).</summary>
public static class GcpTechniqueCatalog
{
    private const string Rhino = "https://rhinosecuritylabs.com/gcp/privilege-escalation-google-cloud-platform-part-1/";
    private const string ServiceAccountBestPractices = "https://cloud.google.com/iam/docs/best-practices-service-accounts";
    private const string AttachServiceAccounts = "https://cloud.google.com/iam/docs/attach-service-accounts";
    private const string ActAs = "iam.serviceAccounts.actAs";
    private const string ComposerAccessControl = "https://cloud.google.com/composer/docs/composer-2/access-control";

    private const string DagBucketRemediation =
        "Treat write access to a Composer environment's bucket as the right to act as the environment's service account: grant Storage Object Creator, Object Admin, Storage Admin and other roles that create objects or change the bucket's policy there (and on its project) only to those who may act as the account, and run environments as accounts that hold no more than their DAGs need. Re-run the scan to confirm no other path remains.";

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
            "gcp-tag-binding",
            "Binding a tag that a conditional grant of setIamPolicy waits for",
            "A principal that may bind a tag value to an organization, folder or project (the Tag User role on the value and on the container) makes a condition on that tag hold there, deleting first another value of the key bound to the container when it may; when it holds a grant of setIamPolicy under that condition, it becomes owner-equivalent of the container.",
            ["resourcemanager.tagValueBindings.create", "resourcemanager.hierarchyNodes.createTagBinding"],
            "Do not let the principals a tag condition is meant to limit bind that tag: grant Tag User (or tagValueBindings.create) on a tag value that gates administrative roles only to the administrators who decide where those roles apply, not on the containers those principals work in. Re-run the scan to confirm no other path remains.",
            ["https://cloud.google.com/resource-manager/docs/tags/tags-creating-and-managing", "https://cloud.google.com/iam/docs/tags-access-control"]),
        new(
            "gcp-tag-unbinding",
            "Deleting a tag binding that a condition on setIamPolicy depends on",
            "A principal that may delete a tag binding of an organization, folder or project (the Tag User role on the value and on the container) escapes a deny rule whose denial condition needs that tag, or meets an allow condition that needs the tag's absence (or the value the parent brings back); when that makes the evaluator allow its setIamPolicy there, it becomes owner-equivalent of the container.",
            ["resourcemanager.tagValueBindings.delete", "resourcemanager.hierarchyNodes.deleteTagBinding"],
            "Do not let the principals a tag condition is meant to limit delete that tag's bindings: keep Tag User (or tagValueBindings.delete) on a tag value that deny rules or conditional grants depend on to the administrators who decide where they apply, deny resourcemanager.hierarchyNodes.deleteTagBinding to the same principals, or write the rule or grant without the tag (a grant that names the places it allows, not the places it does not). Re-run the scan to confirm no other path remains.",
            ["https://cloud.google.com/resource-manager/docs/tags/tags-creating-and-managing", "https://cloud.google.com/iam/docs/deny-access"]),
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
            "iam.serviceAccountKeys.create makes a user-managed key of the account and hands its private part to the caller, or uploads the caller's own public key to it (keys.upload, the same permission): a long-lived credential of the account. Key creation is stopped by the organization policy iam.disableServiceAccountKeyCreation (or iam.managed.disableServiceAccountKeyCreation), key upload by iam.disableServiceAccountKeyUpload (or iam.managed.disableServiceAccountKeyUpload); where both are enforced on the account's project, only a principal that may also set organization policies there (orgpolicy.policy.set) can, by lifting one first.",
            ["iam.serviceAccountKeys.create", "orgpolicy.policy.set"],
            "Enforce the organization policy constraints iam.managed.disableServiceAccountKeyCreation and iam.managed.disableServiceAccountKeyUpload (or the legacy iam.disableServiceAccountKeyCreation and iam.disableServiceAccountKeyUpload) where keys are not needed, keep Organization Policy Administrator (orgpolicy.policy.set) apart from Service Account Key Admin, and grant Service Account Key Admin only on the accounts whose keys a principal must manage.",
            ["https://cloud.google.com/iam/docs/keys-create-delete", "https://cloud.google.com/resource-manager/docs/organization-policy/restricting-service-accounts", ServiceAccountBestPractices]),
        new(
            "gcp-gke-node-service-account",
            "Read a GKE node's service account from a pod",
            "A principal that may fetch a GKE cluster's credentials (container.clusters.get) and create pods (container.pods.create) runs a pod on a node and reads the token of the service account the node pool runs as from the node's metadata server. Pools with the GKE metadata server (workload identity) hide it from pods, except pods on the host network.",
            ["container.clusters.get", "container.pods.create"],
            "Run node pools as a dedicated, minimal service account (never the Compute Engine default account with Editor), enable workload identity (GKE_METADATA) on every pool, and forbid host-network pods with Pod Security admission; grant Kubernetes Engine Developer only where needed.",
            ["https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster", "https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity"]),
        new(
            "gcp-gke-workload-identity",
            "Run a pod as a Kubernetes service account bound to workload identity",
            "A principal that may create pods in a GKE cluster (container.clusters.get, container.pods.create, and container.serviceAccounts.create unless the Kubernetes service account exists) runs one as any Kubernetes service account of the cluster's workload identity pool, and so holds what that identity is granted (Workload Identity User on a Google service account makes it that account), whether policies name it as serviceAccount:PROJECT_ID.svc.id.goog[NS/NAME], as a principal:// identifier, or as the principalSet of its namespace or cluster.",
            ["container.clusters.get", "container.pods.create", "container.serviceAccounts.create"],
            "Grant Kubernetes access per namespace with Kubernetes RBAC rather than project-wide IAM roles such as Kubernetes Engine Developer, and bind Workload Identity User only for Kubernetes service accounts in namespaces that few may deploy to.",
            ["https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity", "https://cloud.google.com/kubernetes-engine/docs/how-to/iam"]),
        new(
            "gcp-compute-instance",
            "Run a VM as a service account",
            "With iam.serviceAccounts.actAs on the account and the permissions to create a VM in its project, the principal starts an instance that runs as the account (a startup script reads its token from the metadata server); or stops an existing instance of the project, gives it the account and a startup script, and starts it (compute.instances.stop, setServiceAccount, setMetadata, start, decided on an exported instance).",
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
        new(
            "gcp-cloud-tasks",
            "Add a Cloud Tasks HTTP task with an OAuth token of a service account",
            "With iam.serviceAccounts.actAs on the account and cloudtasks.tasks.create on a queue of its project (Google requires the account to be in the queue's project and the caller to hold actAs on it), the principal adds an HTTP task whose oauthToken names the account: Cloud Tasks sends an OAuth access token of the account to the URL the principal chose, a Google API or its own endpoint. cloudtasks.queues.create in the project makes the queue (or, with cloudtasks.queues.setIamPolicy, makes one and grants itself Enqueuer there); without it, conditional on a queue existing, as Ward does not read queues. An oidcToken task gives only an identity token, not the account.",
            [ActAs, "cloudtasks.tasks.create", "cloudtasks.queues.create", "cloudtasks.queues.setIamPolicy"],
            NarrowActAs + " Grant Cloud Tasks Enqueuer, Queue Admin and Admin on the queues and projects of privileged accounts only to those who may act as them.",
            ["https://cloud.google.com/tasks/docs/reference/rest/v2/OAuthToken", "https://cloud.google.com/tasks/docs/reference-access-control", "https://cloud.google.com/iam/docs/roles-permissions/cloudtasks", "https://cloud.google.com/tasks/docs/creating-queues", AttachServiceAccounts]),
        new(
            "gcp-cloud-run-job",
            "Run a Cloud Run job as a service account",
            "With iam.serviceAccounts.actAs on the account, run.jobs.create (or update) and run.jobs.run in its project, the principal creates (or changes) a job that runs as the account and executes it: its container reads the account's token.",
            [ActAs, "run.jobs.create", "run.jobs.update", "run.jobs.run"],
            NarrowActAs,
            ["https://cloud.google.com/run/docs/securing/service-identity", "https://cloud.google.com/run/docs/create-jobs", AttachServiceAccounts]),
        new(
            "gcp-workflows",
            "Run a workflow as a service account",
            "With iam.serviceAccounts.actAs on the account, workflows.workflows.create (or update) and workflows.executions.create in its project, the principal deploys a workflow that runs as the account and runs it: its steps call any Google API with the account's token.",
            [ActAs, "workflows.workflows.create", "workflows.workflows.update", "workflows.executions.create"],
            NarrowActAs,
            ["https://cloud.google.com/workflows/docs/authentication", "https://cloud.google.com/workflows/docs/access-control", AttachServiceAccounts]),
        new(
            "gcp-app-engine",
            "Deploy an App Engine version as a service account",
            "With iam.serviceAccounts.actAs on the account a version runs as (the App Engine default account PROJECT_ID@appspot.gserviceaccount.com unless the version names another) and, in its project, appengine.versions.create with the Cloud Build and Cloud Storage permissions Google documents for deploying, the principal deploys code that runs as the account. Creating the application too (appengine.applications.create) makes the edge certain; otherwise it is conditional on one existing.",
            [ActAs, "appengine.applications.create", "appengine.versions.create", "cloudbuild.builds.create", "storage.objects.create"],
            NarrowActAs,
            ["https://cloud.google.com/appengine/docs/standard/roles", "https://cloud.google.com/appengine/docs/standard/configure-service-accounts", AttachServiceAccounts]),
        new(
            "gcp-composer",
            "Create a Cloud Composer environment as a service account",
            "With iam.serviceAccounts.actAs on the account and composer.environments.create in its project, the principal creates an environment that runs as the account: the Airflow DAGs it runs (from the environment's bucket, which the request may name) act as the account.",
            [ActAs, "composer.environments.create"],
            NarrowActAs,
            [ComposerAccessControl, "https://cloud.google.com/composer/docs/composer-2/create-environments", AttachServiceAccounts]),
        new(
            "gcp-composer-dag-write",
            "Add a DAG to a Cloud Composer environment's bucket",
            "Airflow in a Cloud Composer environment parses and runs every DAG file in the environment's DAG folder (config.dagGcsPrefix, gs://BUCKET/dags) as the environment's service account: storage.objects.create there lets the principal add one whose tasks act as the account. No actAs is checked: the environment already runs as it.",
            ["storage.objects.create"],
            DagBucketRemediation,
            [ComposerAccessControl, "https://cloud.google.com/composer/docs/composer-2/manage-dags", "https://cloud.google.com/storage/docs/access-control/iam-permissions"]),
        new(
            "gcp-bucket-set-iam-policy",
            "setIamPolicy on a bucket that holds a Cloud Composer environment's DAGs",
            "Changing the allow policy of the bucket a Cloud Composer environment reads its DAGs from lets the principal grant itself Storage Object Creator there and add a DAG, which runs as the environment's service account.",
            ["storage.buckets.setIamPolicy"],
            DagBucketRemediation,
            [ComposerAccessControl, "https://cloud.google.com/storage/docs/access-control/using-iam-permissions", "https://cloud.google.com/storage/docs/access-control/iam-permissions"]),
        new(
            "gcp-dataproc",
            "Run code on a Dataproc cluster as a service account",
            "With iam.serviceAccounts.actAs on the account and dataproc.clusters.create in its project, the principal creates a cluster whose VMs run as the account (an initialization action reads its token). Without actAs, dataproc.jobs.create and dataproc.clusters.use submit a job to a cluster already running as the account: conditional on one existing, as Ward does not read clusters.",
            [ActAs, "dataproc.clusters.create", "dataproc.jobs.create", "dataproc.clusters.use"],
            "Grant Service Account User on a Dataproc VM service account only to those who may act as it, and dataproc.jobs.create only on projects whose clusters run as accounts the submitters may act as; do not run clusters as privileged accounts. Re-run the scan to confirm no other path remains.",
            ["https://cloud.google.com/dataproc/docs/concepts/iam/iam", "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/service-accounts", AttachServiceAccounts]),
        new(
            "gcp-dataflow",
            "Run a Dataflow job as a service account",
            "With iam.serviceAccounts.actAs on the account and dataflow.jobs.create in its project, the principal launches a job whose workers run as the account and execute the principal's pipeline code (staged in a bucket the workers read, which need not be in the project).",
            [ActAs, "dataflow.jobs.create"],
            NarrowActAs,
            ["https://cloud.google.com/dataflow/docs/concepts/security-and-permissions", "https://cloud.google.com/dataflow/docs/concepts/access-control", AttachServiceAccounts]),
        new(
            "gcp-vertex-ai",
            "Run a Vertex AI custom job or Workbench instance as a service account",
            "With iam.serviceAccounts.actAs on the account and aiplatform.customJobs.create (a custom training job in the principal's container) or notebooks.instances.create (a Workbench instance) in its project, the principal runs code as the account. A custom job that names no account runs as the project's Vertex AI Custom Code service agent (service-PROJECT_NUMBER@gcp-sa-aiplatform-cc.iam.gserviceaccount.com), with no actAs.",
            [ActAs, "aiplatform.customJobs.create", "notebooks.instances.create"],
            NarrowActAs + " Give the Vertex AI Custom Code service agent no role beyond what training jobs need.",
            ["https://cloud.google.com/vertex-ai/docs/general/custom-service-account", "https://cloud.google.com/vertex-ai/docs/general/access-control", AttachServiceAccounts]),
        new(
            "gcp-compute-ssh-metadata",
            "SSH into a VM running as a service account with a key in metadata",
            "An SSH key added to a VM's metadata (compute.instances.setMetadata, with iam.serviceAccounts.actAs on the VM's account) or to the project's (compute.projects.setCommonInstanceMetadata, with actAs granted on the project) lets the principal log in to a VM that runs as the account and read its token from the metadata server. Decided on an exported VM that runs as the account without OS Login (and, for project-wide keys, not blocking them), which the edge names; conditional on one existing where the project's instances were not exported. Reaching the VM over SSH is assumed.",
            [ActAs, "compute.instances.setMetadata", "compute.projects.setCommonInstanceMetadata"],
            "Enable OS Login (the organization policy constraint compute.requireOsLogin) so metadata keys are ignored, grant Service Account User on a VM's account and Compute Instance Admin only to those who may act as the account, and set block-project-ssh-keys on VMs that run as privileged accounts. Re-run the scan to confirm no other path remains.",
            ["https://cloud.google.com/compute/docs/connect/add-ssh-keys", "https://cloud.google.com/compute/docs/instances/access-overview", "https://cloud.google.com/compute/docs/reference/rest/v1/projects/setCommonInstanceMetadata"]),
        new(
            "gcp-compute-os-login",
            "Log in with OS Login to a VM running as a service account",
            "On a VM that uses OS Login and runs as a service account, compute.instances.osLogin (or osAdminLogin) and iam.serviceAccounts.actAs on the account, which OS Login requires for such VMs, let the principal log in and read the account's token from the metadata server. Decided on an exported VM that runs as the account with OS Login on, which the edge names; conditional on one existing where the project's instances were not exported. Reaching the VM over SSH is assumed.",
            [ActAs, "compute.instances.osLogin", "compute.instances.osAdminLogin"],
            "Grant Service Account User on a VM's account only to those who may act as it, whatever OS Login role they hold; do not run VMs that people log in to as privileged accounts. Re-run the scan to confirm no other path remains.",
            ["https://cloud.google.com/compute/docs/oslogin/set-up-oslogin", "https://cloud.google.com/compute/docs/instances/access-overview"]),
        new(
            "gcp-deployment-manager",
            "Create a Deployment Manager deployment",
            "Deployment Manager creates a deployment's resources as the project's Google APIs service agent (PROJECT_NUMBER@cloudservices.gserviceaccount.com, which Google makes Editor of the project), not as the caller: deploymentmanager.deployments.create in the project gives the agent's rights there, with no actAs. Google ended support for Deployment Manager on 31 March 2026; the edge holds wherever the API still accepts deployments.",
            ["deploymentmanager.deployments.create"],
            "Grant deploymentmanager.deployments.create (Deployment Manager Editor) only to those who may hold the Google APIs service agent's rights in the project (Editor by default), and move deployments to Infrastructure Manager, whose deployments run as a service account one names.",
            ["https://cloud.google.com/deployment-manager/docs/access-control", "https://cloud.google.com/iam/docs/service-agents", Rhino]),
        new(
            "gcp-workload-identity-provider",
            "Add or rewrite a provider of a workload identity pool",
            "iam.workloadIdentityPoolProviders.create on a workload identity pool adds a provider that trusts an issuer the principal controls, with an attribute mapping of its choosing (update rewrites an existing provider the same way): its tokens then carry any subject and attributes, so it is every principal:// and principalSet:// identity of the pool, and holds whatever policies grant them (typically Workload Identity User on a service account).",
            ["iam.workloadIdentityPoolProviders.create", "iam.workloadIdentityPoolProviders.update"],
            "Grant Workload Identity Pool Admin (and other roles with iam.workloadIdentityPoolProviders.create or update) only to those who may act as every service account the pool's identities can impersonate; keep pools in a project of their own that few administer, and grant pool identities narrow sets (a subject or an attribute) rather than the whole pool.",
            ["https://cloud.google.com/iam/docs/manage-workload-identity-pools-providers", "https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/create", "https://cloud.google.com/iam/docs/best-practices-for-using-workload-identity-federation"]),
    }.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);

    public static GcpTechnique Get(string id) =>
        All.TryGetValue(id, out var technique) ? technique : throw new InvalidOperationException($"technique `{id}` is not in the catalogue");
}
