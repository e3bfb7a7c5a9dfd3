export { JournalingExercise, type JournalingExerciseProps } from "./JournalingExercise";
