package com.bbws.dynamodb.engine;

import com.bbws.dynamodb.plan.Plan;
import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

/**
 * Stands in for the Pulumi engine over gRPC, as {@code pulumi preview} does for a program: the
 * {@code ResourceMonitor} and {@code Engine} services on one loopback port. It records every
 * registration and log line, and answers like the offline plan's mock engine (the inputs back as
 * outputs, plus the id and the ARNs it predicts). A test harness, not an engine: it plans nothing.
 */
public final class EngineDouble implements AutoCloseable {

    public static final String STACK_TYPE = "pulumi:pulumi:Stack";
    public static final String TABLE_TYPE = "aws:dynamodb/table:Table";

    private final String project;
    private final String stack;
    private final String region;
    private final String accountId;
    private final Server server;
    private final List<RegisterResourceRequest> registrations = new CopyOnWriteArrayList<>();
    private final Map<String, Struct> outputs = new ConcurrentHashMap<>();
    private final Map<String, Struct> stateByUrn = new ConcurrentHashMap<>();
    private final List<LogRequest> logs = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile String rootResource = "";

    /**
     * One call the program made, as it arrived: wall-clock milliseconds, so that the process that
     * launched the program can line it up with its own clock (bench/bench.py's gRPC timeline).
     */
    public record Call(long epochMillis, String method) {
    }

    /** Starts serving on a free loopback port; the region and account go into the ARNs it answers with. */
    public EngineDouble(String project, String stack, String region, String accountId) {
        this.project = project;
        this.stack = stack;
        this.region = region;
        this.accountId = accountId;
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(new Monitor(), new RecordArrival()))
                    .addService(ServerInterceptors.intercept(new Engine(), new RecordArrival()))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the engine double", e);
        }
    }

    /** {@code host:port}, the form the engine gives a program in PULUMI_MONITOR and PULUMI_ENGINE. */
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Every registration request, in the order they arrived (the root stack first). */
    public List<RegisterResourceRequest> registrations() {
        return List.copyOf(registrations);
    }

    public List<RegisterResourceRequest> registrations(String type) {
        return registrations.stream().filter(request -> type.equals(request.getType())).toList();
    }

    /** The outputs the program registered for the root stack: its exports. */
    public Optional<Struct> stackOutputs() {
        return Optional.ofNullable(outputs.get(rootResource));
    }

    public List<LogRequest> logs() {
        return List.copyOf(logs);
    }

    /** Every call of either service, in the order they arrived. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The messages the program logged as errors. */
    public List<String> errors() {
        return logs.stream().filter(log -> log.getSeverity() == LogSeverity.ERROR).map(LogRequest::getMessage).toList();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The URN the engine gives a resource: a child of the root stack carries no parent type. */
    String urn(String parentUrn, String type, String name) {
        String qualifiedType = type;
        if (!parentUrn.isEmpty() && !parentUrn.equals(rootResource)) {
            String parentType = parentUrn.split("::")[2];
            qualifiedType = parentType + "$" + type;
        }
        return "urn:pulumi:" + stack + "::" + project + "::" + qualifiedType + "::" + name;
    }

    /**
     * The inputs back, plus what AWS computes and the program reads (ARNs, stream ARNs), exactly as
     * the offline plan's mock engine predicts them (plan/PredictingMocks): what AWS assigns only at
     * deploy time reads {@link Plan#KNOWN_AFTER_DEPLOY}. So a program registers the same inputs under
     * both engines, and ProgramUnderEngineIT can hold them equal.
     */
    Struct state(RegisterResourceRequest request) {
        Struct inputs = request.getObject();
        var state = inputs.toBuilder();
        String name = physicalName(request);
        switch (request.getType()) {
            case TABLE_TYPE -> {
                String arn = tableArn(region, name);
                state.putFields("arn", text(arn));
                if (inputs.getFieldsOrDefault("streamEnabled", Value.getDefaultInstance()).getBoolValue()) {
                    state.putFields("streamArn", text(arn + "/stream/" + Plan.KNOWN_AFTER_DEPLOY));
                }
                var replicas = ListValue.newBuilder();
                for (Value replica : inputs.getFieldsOrDefault("replicas", Value.getDefaultInstance())
                        .getListValue().getValuesList()) {
                    String replicaArn = tableArn(replica.getStructValue().getFieldsOrThrow("regionName").getStringValue(), name);
                    replicas.addValues(Value.newBuilder().setStructValue(replica.getStructValue().toBuilder()
                            .putFields("arn", text(replicaArn))
                            .putFields("streamArn", text(replicaArn + "/stream/" + Plan.KNOWN_AFTER_DEPLOY))));
                }
                state.putFields("replicas", Value.newBuilder().setListValue(replicas).build());
            }
            case "aws:backup/vault:Vault" ->
                    state.putFields("arn", text(String.format("arn:aws:backup:%s:%s:backup-vault:%s", region, accountId, name)));
            case "aws:kms/key:Key" -> state.putFields("arn",
                    text(String.format("arn:aws:kms:%s:%s:key/%s", region, accountId, Plan.KNOWN_AFTER_DEPLOY)));
            case "aws:iam/role:Role" -> state.putFields("arn", text(String.format("arn:aws:iam::%s:role/%s", accountId, name)));
            case "aws:ssm/parameter:Parameter" -> state.putFields("arn", text(String.format("arn:aws:ssm:%s:%s:parameter/%s",
                    region, accountId, name.startsWith("/") ? name.substring(1) : name)));
            case "aws:cloudwatch/metricAlarm:MetricAlarm" ->
                    state.putFields("arn", text(String.format("arn:aws:cloudwatch:%s:%s:alarm:%s", region, accountId, name)));
            default -> state.putFields("arn", text("arn:aws:" + request.getType() + ":" + region + ":" + accountId + ":" + name));
        }
        return state.build();
    }

    /** The id AWS gives the resource, as the offline plan's mock engine predicts it (or the id to import). */
    static String id(RegisterResourceRequest request) {
        if (!request.getImportId().isEmpty()) {
            return request.getImportId();
        }
        return switch (request.getType()) {
            case "aws:backup/plan:Plan", "aws:backup/selection:Selection", "aws:kms/key:Key" -> Plan.KNOWN_AFTER_DEPLOY;
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment" -> request.getName();
            default -> physicalName(request);
        };
    }

    private static String physicalName(RegisterResourceRequest request) {
        Value name = request.getObject().getFieldsOrDefault("name", Value.getDefaultInstance());
        return name.hasStringValue() ? name.getStringValue() : request.getName();
    }

    private String tableArn(String tableRegion, String name) {
        return "arn:aws:dynamodb:" + tableRegion + ":" + accountId + ":table/" + name;
    }

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    private static <T> void reply(StreamObserver<T> observer, T response) {
        observer.onNext(response);
        observer.onCompleted();
    }

    private final class RecordArrival implements ServerInterceptor {

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            calls.add(new Call(System.currentTimeMillis(), call.getMethodDescriptor().getBareMethodName()));
            return next.startCall(call, headers);
        }
    }

    private final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {

        @Override
        public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> observer) {
            // as Pulumi's mock engine (MockMonitor.supportsFeatureAsync): everything but output values
            reply(observer, SupportsFeatureResponse.newBuilder().setHasSupport(!"outputValues".equals(request.getId())).build());
        }

        @Override
        public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> observer) {
            registrations.add(request);
            String urn = urn(request.getParent(), request.getType(), request.getName());
            if (STACK_TYPE.equals(request.getType())) {
                rootResource = urn;
                reply(observer, RegisterResourceResponse.newBuilder().setUrn(urn).setObject(Struct.getDefaultInstance()).build());
                return;
            }
            Struct state = state(request);
            stateByUrn.put(urn, state);
            reply(observer, RegisterResourceResponse.newBuilder().setUrn(urn).setId(id(request)).setObject(state).build());
        }

        @Override
        public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> observer) {
            outputs.put(request.getUrn(), request.getOutputs());
            reply(observer, Empty.getDefaultInstance());
        }

        @Override
        public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> observer) {
            // the program calls no provider functions; the SDK may look a resource up by URN
            if ("pulumi:pulumi:getResource".equals(request.getTok())) {
                String urn = request.getArgs().getFieldsOrThrow("urn").getStringValue();
                Struct state = stateByUrn.get(urn);
                if (state != null) {
                    reply(observer, ResourceInvokeResponse.newBuilder().setReturn(Struct.newBuilder()
                            .putFields("urn", text(urn)).putFields("state", Value.newBuilder().setStructValue(state).build()))
                            .build());
                    return;
                }
            }
            observer.onError(Status.UNIMPLEMENTED.withDescription("The engine double has no answer for "
                    + request.getTok() + " " + request.getArgs()).asRuntimeException());
        }

        @Override
        public void registerPackage(RegisterPackageRequest request, StreamObserver<RegisterPackageResponse> observer) {
            reply(observer, RegisterPackageResponse.newBuilder().setRef(request.getName() + "-" + request.getVersion()).build());
        }
    }

    private final class Engine extends EngineGrpc.EngineImplBase {

        @Override
        public void log(LogRequest request, StreamObserver<Empty> observer) {
            logs.add(request);
            reply(observer, Empty.getDefaultInstance());
        }

        @Override
        public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> observer) {
            reply(observer, GetRootResourceResponse.newBuilder().setUrn(rootResource).build());
        }

        @Override
        public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> observer) {
            rootResource = request.getUrn();
            reply(observer, SetRootResourceResponse.getDefaultInstance());
        }
    }
}
