package org.condense.train;

import ai.djl.ndarray.NDManager;

/** Builds the optimiser a recipe names. */
public final class Optimizers {
    private Optimizers() {}

    public static Optimizer create(Recipe recipe, NDManager stateManager) {
        switch (recipe.optimizer()) {
            case "adamw":
                return new AdamW(recipe.betas()[0], recipe.betas()[1], recipe.eps(), recipe.weightDecay(), stateManager);
            case "sgd":
                return new Sgd(recipe.momentum(), recipe.weightDecay(), recipe.nesterov(), stateManager);
            default:
                throw new org.condense.UserException(
                        "unknown optimizer '" + recipe.optimizer() + "'; choose one of: adamw, sgd");
        }
    }
}
