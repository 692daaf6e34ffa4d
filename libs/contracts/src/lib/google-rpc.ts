// google.rpc.Status and the standard error details (vendored in proto/google/rpc), as the
// public gRPC API sends them in `grpc-status-details-bin`.
export * from '../gen/google/rpc/status_pb';
export * from '../gen/google/rpc/error_details_pb';
