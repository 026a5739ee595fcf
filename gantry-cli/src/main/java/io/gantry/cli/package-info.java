/** The {@code gantry} command line: {@code up}, {@code server} and admin verbs. */
package io.gantry.cli;
