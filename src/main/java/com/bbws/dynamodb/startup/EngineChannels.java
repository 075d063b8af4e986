package com.bbws.dynamodb.startup;

import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelProvider;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The program's gRPC channels to the Pulumi engine, on a Netty event loop the program owns, so that
 * it can end it before the JVM exits ({@link #close}).
 *
 * <p>pulumi-java opens its channels to the engine with {@code ManagedChannelBuilder.forTarget} and
 * never closes them. Their event loop (grpc's shared one) waits for the network in native code,
 * and a JVM that exits while a thread is in native code waits for it, 10 ms at a time, for 300 ms
 * (HotSpot, {@code VM_Exit::wait_for_threads_in_native_to_block}): every preview ended 0.3 s after
 * its last call to the engine (BENCHMARKS.md). This provider, registered in
 * META-INF/services/io.grpc.ManagedChannelProvider ahead of grpc's own Netty provider (priority 5),
 * gives the SDK the same Netty transport (epoll where Netty has it, else NIO), on one event loop
 * thread of the program's own.
 */
public final class EngineChannels extends ManagedChannelProvider {

    static final int PRIORITY = 6;
    static final String THREAD_NAME = "bbws-engine-channel";
    private static final long CLOSE_WITHIN_MILLIS = 1_000;

    private static EventLoopGroup loop;

    /** Ends the event loop of the engine channels, if the program opened any; waits up to 1 s for it. */
    public static void close() {
        EventLoopGroup closing;
        synchronized (EngineChannels.class) {
            closing = loop;
            loop = null;
        }
        if (closing != null) {
            closing.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_WITHIN_MILLIS);
        }
    }

    private static synchronized EventLoopGroup loop() {
        if (loop == null) {
            var threads = new DefaultThreadFactory(THREAD_NAME, true);
            loop = Epoll.isAvailable() ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        }
        return loop;
    }

    private static NettyChannelBuilder onOwnLoop(NettyChannelBuilder builder) {
        EventLoopGroup group = loop();
        Class<? extends Channel> type = group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
        return builder.eventLoopGroup(group).channelType(type);
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return PRIORITY;
    }

    @Override
    protected ManagedChannelBuilder<?> builderForAddress(String name, int port) {
        return onOwnLoop(NettyChannelBuilder.forAddress(name, port));
    }

    @Override
    protected ManagedChannelBuilder<?> builderForTarget(String target) {
        return onOwnLoop(NettyChannelBuilder.forTarget(target));
    }

    @Override
    protected Collection<Class<? extends SocketAddress>> getSupportedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }
}
