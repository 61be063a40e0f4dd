package dev.rig.core.pipeline;

/**
 * One step of the pipeline with one job. Stages are stateless and shared by every call; per-call
 * state travels in the {@link Call} each returns.
 */
interface Stage {

    /** The stable short name used in logs and metrics ({@code resolve}, {@code allow}, ...). */
    String name();

    /** Does this stage's job; throws {@link CallFailure} to end the call with an error. */
    Call apply(Call call) throws CallFailure;
}
