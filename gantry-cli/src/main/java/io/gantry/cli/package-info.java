/** The {@code gantry} command line: {@code up}, {@code server}, {@code agent} and admin verbs ({@code join-token}). */
package io.gantry.cli;
